import SimulationKernel
import Testing

/// SPEC §2 dispatch and §3 strategies, one rule per test, on worlds small enough to work out
/// by hand. Leads are replayed at their recorded times (Monday 2026-01-05, UTC); touch delays
/// and handle times are constant.
@Suite struct DispatchTests {
    /// One rep, one slot, always on: it touches at once and holds a lead for an hour.
    static let oneRep = """
        teams: [{name: t}]
        reps:
          - name: a
            team: t
            schedule: always
            capacity: {open: 1}
            touch_delay: 0s
            handle_time: 1h
        """

    /// SPEC §2: "the oldest waiting lead [over all queues] … goes to the rep". Rep a works q1 and
    /// q2 and is busy until 01:00; lead 2 (q2, 00:05) is older than lead 3 (q1, 00:10), so it
    /// goes first although q1 is declared first.
    @Test func theOldestWaitingLeadOverAllQueuesGoesFirst() throws {
        let run = try KernelWorld.run(scenario: Self.oneRep, rules: """
            name: r
            routes:
              - {name: second, when: {lane: q2}, to: q2}
            fallback: q1
            queues:
              q1: {reps: [a]}
              q2: {reps: [a]}
            """, csv: """
            created_at,lane
            2026-01-05T00:00,q1
            2026-01-05T00:05,q2
            2026-01-05T00:10,q1
            """)
        #expect(run[1].assigned == at("00:00"))
        #expect(run[2].assigned == at("01:00"), "\(run[2])")
        #expect(run[3].assigned == at("02:00"), "\(run[3])")
        #expect(run[2].queue == "q2" && run[3].queue == "q1")
    }

    /// SPEC §2/§3: a lead with no eligible rep (skill) keeps its place and blocks nobody, and
    /// "a lead lacking the field … waits". Lead 2 (de) waits for b; lead 3 (en), younger, goes
    /// to a at once; lead 4 (fr) never has an eligible rep and is still waiting at the end.
    @Test func aLeadWithNoEligibleRepKeepsItsPlaceAndBlocksNobody() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always, capacity: {open: 1}, skills: [en], touch_delay: 0s, handle_time: 1h}
              - {name: b, team: t, schedule: always, capacity: {open: 1}, skills: [de], touch_delay: 0s, handle_time: 1h}
            """, rules: Self.pool("{team: t, skill: lang}"), csv: """
            created_at,lang
            2026-01-05T00:00,de
            2026-01-05T00:05,de
            2026-01-05T00:10,en
            2026-01-05T00:15,fr
            """)
        #expect(run[1].owners == ["b"] && run[1].assigned == at("00:00"))
        #expect(run[2].owners == ["b"] && run[2].assigned == at("01:00"), "\(run[2])")
        #expect(run[3].owners == ["a"] && run[3].assigned == at("00:10"), "\(run[3])")
        #expect(run[4].owners.isEmpty && run[4].assigned == nil && run[4].outcome == .waiting, "\(run[4])")
    }

    static let threeReps = """
        teams: [{name: t}]
        reps:
          - {name: a, team: t, schedule: always, weight: 5, touch_delay: 0s, handle_time: 5m}
          - {name: b, team: t, schedule: always, weight: 1, touch_delay: 0s, handle_time: 1h}
          - {name: c, team: t, schedule: always, weight: 1, touch_delay: 0s, handle_time: 1h}
        """

    static func leads(_ times: [String]) -> String {
        (["created_at,n"] + times.enumerated().map { "2026-01-05T\($0.element),\($0.offset + 1)" }).joined(separator: "\n")
    }

    /// Every lead to one queue, `pool`, declared as `queue`.
    static func pool(_ queue: String) -> String { "name: r\nfallback: pool\nqueues:\n  pool: \(queue)\n" }

    static func owners(_ run: KernelRun) -> [String] { run.leads.map { $0.owners.first ?? "-" } }

    /// SPEC §3 round-robin: reps take turns in declaration order.
    @Test func roundRobinTakesTurnsInDeclarationOrder() throws {
        let run = try KernelWorld.run(scenario: Self.threeReps, rules: Self.pool("{team: t, strategy: round-robin}"),
                                      csv: Self.leads(["00:00", "00:01", "00:02", "00:03", "00:04"]))
        #expect(Self.owners(run) == ["a", "b", "c", "a", "b"])
    }

    /// SPEC §3 least-loaded: fewest open leads, ties to the rep declared first. a closes its
    /// leads after 5 minutes, b and c after an hour: 00:00 a (all 0), 00:10 a (a closed at 00:05;
    /// tie), 00:11 b (a holds one), 00:20 a (a closed at 00:15, b holds one).
    @Test func leastLoadedPicksTheRepWithFewestOpenLeads() throws {
        let run = try KernelWorld.run(scenario: Self.threeReps, rules: Self.pool("{team: t, strategy: least-loaded}"),
                                      csv: Self.leads(["00:00", "00:10", "00:11", "00:20"]))
        #expect(Self.owners(run) == ["a", "a", "b", "a"])
    }

    /// SPEC §3 weighted-round-robin is smooth weighted round-robin: "Weights 5:1:1 give a a b a c a a".
    @Test func weightedRoundRobinIsSmooth() throws {
        let run = try KernelWorld.run(scenario: Self.threeReps, rules: Self.pool("{team: t, strategy: weighted-round-robin}"),
                                      csv: Self.leads(["00:00", "00:01", "00:02", "00:03", "00:04", "00:05", "00:06"]))
        #expect(Self.owners(run) == ["a", "a", "b", "a", "c", "a", "a"])
    }

    /// SPEC §3 next-available: the eligible rep idle longest, idle since the latest of its last
    /// assignment, last freed slot and current shift start. 00:00 a (tie), a frees at 00:05;
    /// 00:10 b (idle since the start, a only since 00:05); 00:20 a (idle since 00:05, b since 00:10).
    @Test func nextAvailablePicksTheRepIdleLongest() throws {
        let run = try KernelWorld.run(scenario: Self.threeReps, rules: Self.pool("{reps: [a, b], strategy: next-available}"),
                                      csv: Self.leads(["00:00", "00:10", "00:20"]))
        #expect(Self.owners(run) == ["a", "b", "a"])
    }

    /// SPEC §2: a lead occupies one `open` slot from assignment until first touch + handle time;
    /// a rep at its cap is not eligible. Two slots: the third lead waits for the first to close.
    @Test func capacityOpenCapsTheLeadsHeldAtOnce() throws {
        let run = try KernelWorld.run(scenario: Self.oneRep.replacingOccurrences(of: "open: 1", with: "open: 2"), rules: Self.pool("{team: t}"),
                                      csv: Self.leads(["00:00", "00:10", "00:20"]))
        #expect(run.leads.map(\.assigned) == [at("00:00"), at("00:10"), at("01:00")])
    }

    /// SPEC §3 `capacity.per_day` counts new assignments in the rep's local day and resets at
    /// local midnight: the third lead of Monday waits for Tuesday 00:00.
    @Test func perDayCapResetsAtLocalMidnight() throws {
        let run = try KernelWorld.run(scenario: Self.oneRep.replacingOccurrences(of: "open: 1", with: "open: 10, per_day: 2"), rules: Self.pool("{team: t}"),
                                      csv: Self.leads(["00:00", "01:00", "02:00"]))
        #expect(run.leads.map(\.assigned) == [at("00:00"), at("01:00"), at("00:00", day: 1)])
    }

    static let dayShift = """
        teams: [{name: t}]
        reps:
          - name: a
            team: t
            schedule: weekdays 09:00-17:00
            touch_delay: 10m
            handle_time: 1h
        """

    /// SPEC §2: a rep off shift is not eligible; the lead waits for the shift start, and the
    /// touch delay runs from there.
    @Test func offShiftRepsGetNoLeads() throws {
        let run = try KernelWorld.run(scenario: Self.dayShift, rules: Self.pool("{team: t}"),
                                      csv: Self.leads(["06:00"]))
        #expect(run[1].assigned == at("09:00") && run[1].touched == at("09:10"), "\(run[1])")
    }

    /// SPEC §2: "unless the queue says `assign_off_shift: true`": assigned on arrival, but the
    /// touch delay runs only on shift, so the touch is still 10 minutes after 09:00.
    @Test func assignOffShiftAssignsAtOnceAndTheTouchWaitsForTheShift() throws {
        let run = try KernelWorld.run(scenario: Self.dayShift, rules: Self.pool("{team: t, assign_off_shift: true}"),
                                      csv: Self.leads(["06:00"]))
        #expect(run[1].assigned == at("06:00") && run[1].touched == at("09:10"), "\(run[1])")
    }

    /// SPEC §2: an inactive rep (before `active_from`) is not eligible, even with
    /// `assign_off_shift`; the lead waits for the hire date (local midnight).
    @Test func aRepBeforeItsHireDateGetsNoLeads() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: n, team: t, schedule: always, active_from: 2026-01-06, touch_delay: 0s, handle_time: 1h}
            """, rules: Self.pool("{team: t, assign_off_shift: true}"), csv: Self.leads(["10:00"]))
        #expect(run[1].assigned == at("00:00", day: 1) && run[1].touched == at("00:00", day: 1), "\(run[1])")
    }

    static let aOffShiftB = """
        teams: [{name: t}]
        reps:
          - {name: a, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
          - name: b
            team: t
            schedule: weekdays 09:00-17:00
            touch_delay: 0s
            handle_time: 1h
          - {name: c, team: t, schedule: always, touch_delay: 0s, handle_time: 1h}
        """

    /// SPEC §3 "Round-robin skips ineligible reps" (§7: by default a rep off shift when its turn
    /// comes loses the turn): b is off shift until 09:00, so 08:01 goes to c, 09:00 to a (after
    /// c), and 09:01 to b.
    @Test func roundRobinSkipsIneligibleReps() throws {
        let run = try KernelWorld.run(scenario: Self.aOffShiftB, rules: Self.pool("{team: t, strategy: round-robin}"),
                                      csv: Self.leads(["08:00", "08:01", "09:00", "09:01"]))
        #expect(Self.owners(run) == ["a", "c", "a", "b"])
    }

    /// SPEC §3 "`keep_turn: true` makes a skipped rep first in line when it is eligible again":
    /// b, skipped at 08:01, gets the 09:00 lead.
    @Test func keepTurnPutsASkippedRepFirstInLine() throws {
        let run = try KernelWorld.run(scenario: Self.aOffShiftB, rules: Self.pool("{team: t, strategy: round-robin, keep_turn: true}"),
                                      csv: Self.leads(["08:00", "08:01", "09:00", "09:01"]))
        #expect(Array(Self.owners(run).prefix(3)) == ["a", "c", "b"])
    }

    /// SPEC §3 `load-ratio` (open / capacity): a has 4 slots, b one. 00:00 a (tie 0/4, 0/1);
    /// 00:01 b (1/4 against 0/1); then a twice (1/4, 2/4 against 1/1). Least-loaded would give b
    /// the fourth.
    @Test func loadRatioPicksTheLowestOpenOverCapacity() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: always, capacity: {open: 4}, touch_delay: 0s, handle_time: 1d}
              - {name: b, team: t, schedule: always, capacity: {open: 1}, touch_delay: 0s, handle_time: 1d}
            """, rules: Self.pool("{team: t, strategy: load-ratio}"), csv: Self.leads(["00:00", "00:01", "00:02", "00:03"]))
        #expect(Self.owners(run) == ["a", "b", "a", "a"])
    }

    /// SPEC §2 `order: score`: the highest score waits least. a is busy until 01:00; lead 3
    /// (score 90, 00:20) goes before lead 2 (score 10, 00:10).
    @Test func orderScoreServesTheHighestScoreFirst() throws {
        let run = try KernelWorld.run(scenario: Self.oneRep, rules: Self.pool("{team: t, order: score}"),
                                      csv: "created_at,score\n2026-01-05T00:00,50\n2026-01-05T00:10,10\n2026-01-05T00:20,90\n")
        #expect(run.leads.map(\.assigned) == [at("00:00"), at("02:00"), at("01:00")])
    }

    /// SPEC §2: "when several start a shift together, the strategy spreads the backlog": four
    /// leads wait for a and b's 09:00 shift start and go a, b, a, b, all at 09:00.
    @Test func repsStartingAShiftTogetherShareTheBacklog() throws {
        let run = try KernelWorld.run(scenario: """
            teams: [{name: t}]
            reps:
              - {name: a, team: t, schedule: "weekdays 09:00-17:00", touch_delay: 0s, handle_time: 1h}
              - {name: b, team: t, schedule: "weekdays 09:00-17:00", touch_delay: 0s, handle_time: 1h}
            """, rules: Self.pool("{team: t, strategy: round-robin}"), csv: Self.leads(["06:00", "06:01", "06:02", "06:03"]))
        #expect(Self.owners(run) == ["a", "b", "a", "b"])
        #expect(run.leads.allSatisfy { $0.assigned == at("09:00") })
    }

    /// SPEC §2: the touch delay's clock advances only on shift; a delay that reaches the shift
    /// end waits for the next shift. Assigned 16:55 with 10 minutes: 5 on Monday, 5 on Tuesday.
    @Test func aTouchDelayReachingTheShiftEndWaitsForTheNextShift() throws {
        let run = try KernelWorld.run(scenario: Self.dayShift, rules: Self.pool("{team: t}"), csv: Self.leads(["16:55"]))
        #expect(run[1].assigned == at("16:55") && run[1].touched == at("09:05", day: 1), "\(run[1])")
    }

    /// docs/SEMANTICS.md: a zero touch delay off shift lands at the next shift start.
    @Test func aZeroTouchDelayOffShiftLandsAtTheShiftStart() throws {
        let run = try KernelWorld.run(scenario: Self.dayShift.replacingOccurrences(of: "touch_delay: 10m", with: "touch_delay: 0s"),
                                      rules: Self.pool("{team: t, assign_off_shift: true}"), csv: Self.leads(["06:00"]))
        #expect(run[1].assigned == at("06:00") && run[1].touched == at("09:00"), "\(run[1])")
    }

    /// SPEC §2: handle time runs on the wall clock, off shift too. One slot, 16h handle: lead 1,
    /// touched 16:40, frees the slot Tuesday 08:40, so lead 2 is assigned at Tuesday's 09:00
    /// shift start (on-shift handling would hold the slot until Wednesday).
    @Test func handleTimeRunsOnTheWallClock() throws {
        let run = try KernelWorld.run(scenario: Self.dayShift.replacingOccurrences(of: "handle_time: 1h",
                                                                                   with: "handle_time: 16h\n    capacity: {open: 1}"),
                                      rules: Self.pool("{team: t}"), csv: Self.leads(["16:30", "16:40"]))
        #expect(run[1].touched == at("16:40"))
        #expect(run[2].assigned == at("09:00", day: 1) && run[2].touched == at("09:10", day: 1), "\(run[2])")
    }

    /// SPEC §3 "Holidays": the rep is off for the whole local day, `always` reps included.
    @Test func aHolidayTakesEvenAlwaysRepsOffForTheDay() throws {
        let run = try KernelWorld.run(scenario: "holidays: [2026-01-05]\n" + Self.oneRep, rules: Self.pool("{team: t}"),
                                      csv: Self.leads(["10:00"]))
        #expect(run[1].assigned == at("00:00", day: 1), "\(run[1])")
    }
}
