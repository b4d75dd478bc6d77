import SimulationModel

/// A small deterministic generator for randomized test worlds (SplitMix64).
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ options: [T]) -> T { options[int(0...(options.count - 1))] }
}

/// Random scenarios and rule sets that exercise every feature of the engine at once:
/// several sources and patterns, enrichment gaps, accounts with stale owners, attributes and
/// owners by attribute, reps in several time zones with caps, absences and hire dates, routes
/// on every kind of condition, queues with every strategy, over several teams, skills,
/// overflow, `max_wait`, patience, SLA reassign and escalate, rep shrinkage and round-robin
/// fairness (catch-up, resets), team calendars (zones, business hours, holidays) and
/// queue-level SLAs (own or `none`).
enum RandomWorlds {
    static let zones = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Singapore"]
    static let schedules: [WeeklySchedule] = [
        .alwaysOn,
        .defaultBusinessHours,
        WeeklySchedule(windows: [.init(weekdays: [0, 1, 2, 3], start: .init(hour: 8, minute: 0), end: .init(hour: 16, minute: 0)),
                                 .init(weekdays: [4], start: .init(hour: 8, minute: 0), end: .init(hour: 12, minute: 0))]),
        WeeklySchedule(windows: [.init(weekdays: [0, 1, 2, 3, 4, 5, 6], start: .init(hour: 22, minute: 0), end: .init(hour: 6, minute: 0))]),
    ]

    static func world(seed: UInt64) -> (Scenario, RuleSet) {
        var r = TestRandom(seed: seed)
        let start: Instant = 1_772_841_600  // 2026-03-07T00:00Z: the US DST change falls inside
        let teams = ["north", "south", "east"].prefix(r.int(1...3)).map { Team(name: $0) }
        var reps: [Rep] = []
        for team in teams {
            for i in 1...r.int(1...4) {
                reps.append(Rep(
                    name: "\(team.name)-\(i)", team: team.name, timeZone: r.pick(zones), schedule: r.pick(schedules),
                    capacityOpen: r.int(1...4), capacityPerDay: r.chance(0.3) ? r.int(1...6) : nil,
                    weight: Double(r.int(1...3)), skills: r.chance(0.5) ? ["en"] : ["en", "de"],
                    touchDelay: r.pick([.constant(0), .exponential(mean: 600), .lognormal(median: 900, sigma: 0.8)]),
                    handleTime: r.pick([.exponential(mean: 3600), .constant(1800), .gamma(mean: 7200, shape: 2)]),
                    absent: r.chance(0.2) ? [DateRange(from: CalendarDate(year: 2026, month: 3, day: 9), to: CalendarDate(year: 2026, month: 3, day: 10))] : [],
                    absenceRate: r.chance(0.3) ? 0.1 : 0,
                    activeFrom: r.chance(0.15) ? CalendarDate(year: 2026, month: 3, day: 9) : nil))
            }
        }
        var teamsWithManagers = teams
        if r.chance(0.5) { teamsWithManagers[0].manager = reps[0].name }
        let hourly: [Double] = (0..<24).map { Double(($0 * 7) % 5 + 1) }
        let hourOfWeek: [Double] = (0..<168).map { Double(($0 * 11) % 7) }
        let patterns: [ArrivalPattern] = [.flat, .businessHours, .hourly(hourly: hourly, weekdays: [3, 3, 3, 3, 2, 1, 1]),
                                          .hourOfWeek(hourOfWeek)]
        let sources = (0..<r.int(1...2)).map { i in
            Source(name: "source-\(i)", weeklyVolume: Double(r.int(50...400)),
                   pattern: r.pick(patterns),
                   dispersion: r.chance(0.3) ? 0.3 : nil,
                   bursts: r.chance(0.2) ? [Burst(at: start + 86_400 * 2.5, leads: 40, over: 7200)] : [],
                   patience: r.chance(0.5) ? .exponential(mean: Double(r.int(1...48)) * 3600) : nil,
                   fields: [
                       FieldSpec(name: "region", generator: .categorical([(.text("NA"), 5), (.text("EMEA"), 3), (.text("APAC"), 2)])),
                       FieldSpec(name: "language", generator: .conditional(by: "region", [
                           .text("NA"): [(.text("en"), 9), (.text("es"), 1)], .text("EMEA"): [(.text("en"), 1), (.text("de"), 1)]])),
                       FieldSpec(name: "employees", generator: .numeric(.lognormal(median: 150, sigma: 1.5), scale: 1, integer: true)),
                       FieldSpec(name: "score", generator: .numeric(.beta(a: 2, b: 3), scale: 100, integer: false)),
                       FieldSpec(name: "demo", generator: .constant(.bool(r.chance(0.5)))),
                   ],
                   accountMatch: r.chance(0.5) ? 0.2 : 0,
                   missing: r.chance(0.5) ? ["employees": 0.3, "region": 0.1] : [:])
        }
        var scenario = Scenario(
            name: "random-\(seed)", start: start, timeZone: r.pick(zones), horizon: Double(r.int(2...5)) * 86_400,
            warmup: 86_400, drain: Double(r.int(1...10)) * 86_400, replications: 1, seed: seed,
            holidays: r.chance(0.3) ? [CalendarDate(year: 2026, month: 3, day: 10)] : [],
            sources: sources,
            enrichment: r.chance(0.6) ? Enrichment(delay: .exponential(mean: 300), success: 0.7, wait: r.chance(0.5)) : nil,
            accounts: r.chance(0.6) ? Accounts(count: 50, ownerTeam: teams[0].name, staleOwner: 0.3) : nil,
            teams: teamsWithManagers, reps: reps)

        var queues: [Queue] = teams.map { team in
            Queue(name: team.name, kind: .human(HumanQueue(
                members: .team(team.name), strategy: r.pick(Strategy.allCases), skill: r.chance(0.3) ? "language" : nil,
                keepTurn: r.chance(0.5), maxWait: r.chance(0.3) ? Double(r.int(0...8)) * 3600 : nil,
                order: r.chance(0.3) ? .score : .oldestFirst, assignOffShift: r.chance(0.2))))
        }
        queues.append(Queue(name: "pool", kind: .human(HumanQueue(
            members: .reps(reps.prefix(3).map(\.name)), strategy: r.pick(Strategy.allCases),
            overflow: teams.count > 1 ? Overflow(after: 1800, to: teams[1].name) : nil))))
        queues.append(Queue(name: "nurture", kind: .automated))
        var routes: [Route] = []
        if scenario.accounts != nil && r.chance(0.7) {
            routes.append(Route(name: "named", when: .field("account", .exists), destination: .accountOwner,
                                elseQueue: r.chance(0.5) ? "pool" : nil))
        }
        routes.append(Route(name: "big", when: .field("employees", .compare(.greaterOrEqual, .number(500))), destination: .queue(teams[0].name)))
        routes.append(Route(name: "emea", when: .all([.field("region", .equals(.text("EMEA"))), .field("language", .oneOf([.text("en"), .text("de")]))]),
                            destination: .queue(teams.last!.name)))
        routes.append(Route(name: "low", when: .any([.field("score", .compare(.less, .number(15))), .not(.field("demo", .equals(.bool(true))))]),
                            destination: .queue("nurture")))
        routes.append(Route(name: "text", when: .field("region", .matches("^A")), destination: .queue("pool")))
        let sla: SLA? = r.chance(0.7) ? SLA(firstTouch: Double(r.int(1...4)) * 1800, clock: r.pick([.wall, .business]),
                                           onBreach: r.pick([.none, .reassign, .escalate]),
                                           maxReassignments: r.chance(0.5) ? r.int(0...2) : nil,
                                           escalateTo: r.chance(0.3) ? "pool" : nil) : nil
        var rules = RuleSet(name: "rules-\(seed)", routes: routes, fallback: r.chance(0.8) ? "pool" : nil, queues: queues, sla: sla)
        // Drawn last, so that the draws above (and the worlds other tests pin) stay as they were.
        if scenario.accounts != nil && r.chance(0.6) {
            // Bronze accounts have no owner; account employees replace the lead's.
            scenario.accounts?.fields = [
                FieldSpec(name: "tier", generator: .categorical([(.text("gold"), 1), (.text("silver"), 2), (.text("bronze"), 1)])),
                FieldSpec(name: "employees", generator: .numeric(.lognormal(median: 800, sigma: 1), scale: 1, integer: true)),
            ]
            scenario.accounts?.owners = .byField("tier", teams: [.text("gold"): teams[0].name, .text("silver"): teams.last!.name])
        }
        if teams.count > 1 && r.chance(0.7) {
            let names = teams.map(\.name), first = r.int(0...(names.count - 1))
            rules.queues.append(Queue(name: "pooled", kind: .human(HumanQueue(
                members: .teams(Array(names[first...] + names[..<first])), strategy: r.pick(Strategy.allCases),
                skill: r.chance(0.3) ? "language" : nil, maxWait: r.chance(0.3) ? 4 * 3600 : nil))))
            rules.routes.insert(Route(name: "gold", when: .any([.field("tier", .equals(.text("gold"))), .field("score", .compare(.greater, .number(80)))]),
                                      destination: .queue("pooled")), at: 0)
        }
        // Team calendars and queue SLAs, drawn last so that the draws above stay as they were.
        for t in scenario.teams.indices where r.chance(0.4) {
            scenario.teams[t].timeZone = r.chance(0.7) ? r.pick(zones) : nil
            scenario.teams[t].businessHours = r.chance(0.7) ? r.pick(schedules) : nil
            scenario.teams[t].holidays = r.chance(0.5) ? [CalendarDate(year: 2026, month: 3, day: r.int(8...11))] : nil
        }
        for q in rules.queues.indices where r.chance(0.4) {
            guard case .human(var human) = rules.queues[q].kind else { continue }
            human.sla = r.chance(0.3) ? .exempt : .own(SLA(
                firstTouch: Double(r.int(1...8)) * 900, clock: r.pick([.wall, .business]), onBreach: r.pick([.none, .reassign, .escalate]),
                maxReassignments: r.chance(0.5) ? r.int(0...2) : nil, escalateTo: r.chance(0.3) ? r.pick(teams.map(\.name) + ["pool"]) : nil))
            rules.queues[q].kind = .human(human)
        }
        addShrinkageAndFairness(&scenario, &rules, &r)
        return (scenario, rules)
    }

    /// SPEC §7 shrinkage on some reps and fairness on some round-robin queues, drawn after
    /// everything else so that the rest of each world stays as it was.
    static func addShrinkageAndFairness(_ scenario: inout Scenario, _ rules: inout RuleSet, _ r: inout TestRandom) {
        for i in scenario.reps.indices where r.chance(0.4) { scenario.reps[i].shrinkage = r.pick([0.1, 0.3, 0.9]) }
        for q in rules.queues.indices {
            guard case .human(var queue) = rules.queues[q].kind,
                  queue.strategy == .roundRobin || queue.strategy == .weightedRoundRobin, r.chance(0.6) else { continue }
            queue.fairness = RoundRobinFairness(absent: r.chance(0.8) ? .catchUp : .skip, catchUpLimit: r.int(1...5),
                                                reset: r.pick(RoundRobinFairness.Reset.allCases))
            if queue.fairness.absent == .catchUp { queue.keepTurn = false }
            rules.queues[q].kind = .human(queue)
        }
    }
}
