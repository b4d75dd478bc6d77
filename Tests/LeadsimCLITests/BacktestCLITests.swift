import Foundation
import Testing

/// End-to-end tests of `leadsim backtest` and `leadsim run --history-out` on the binary: exit 0
/// for the world's own history, 3 for a wrong world (naming what is off), 1 for a bad history.
@Suite struct BacktestCLITests {
    @Test func aRunsHistoryBacktestsConsistentAgainstItsWorldAndNotAgainstAWrongOne() throws {
        let dir = try RunCompareCLITests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Leadsim.run(["run", "scenario.yaml", "baseline.yaml", "--replications", "1", "--out", "run",
                                   "--history-out", "history.csv", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let history = try String(contentsOf: dir.appendingPathComponent("history.csv"), encoding: .utf8)
        #expect(history.hasPrefix("created_at,source,owner,team,assigned_at,first_touch_at,closed_at,region\r\n"))

        let same = try Leadsim.run(["backtest", "scenario.yaml", "baseline.yaml", "--history", "history.csv",
                                    "--replications", "40", "--seed", "3", "--out", "same"], in: dir)
        #expect(same.status == 0, "\(same.stdout) \(same.stderr)")
        #expect(same.stdout.hasPrefix("Consistent:") && same.stdout.contains("Wrote backtest.md, backtest.html, backtest.json to same"))

        // Reps taking a whole day to a first touch instead of 15 minutes.
        let scenario = try String(contentsOf: dir.appendingPathComponent("scenario.yaml"), encoding: .utf8)
        try scenario.replacingOccurrences(of: "touch_delay: 15m", with: "touch_delay: 8h")
            .write(to: dir.appendingPathComponent("slow.yaml"), atomically: true, encoding: .utf8)
        let slow = try Leadsim.run(["backtest", "slow.yaml", "baseline.yaml", "--history", "history.csv",
                                    "--replications", "40", "--out", "slow", "--quiet"], in: dir)
        #expect(slow.status == 3, "\(slow.stdout) \(slow.stderr)")
        #expect(slow.stdout.contains("overall ttft_p50_s: NOT consistent"), "\(slow.stdout)")
        #expect(!slow.stdout.contains(": consistent;"), "--quiet prints only the inconsistent metrics")
    }

    @Test func aBadHistoryExitsOneWithTheRow() throws {
        let dir = try RunCompareCLITests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "created_at,owner\n2026-01-05T09:00,na-1\nnot a time,na-2\n"
            .write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try Leadsim.run(["backtest", "scenario.yaml", "baseline.yaml", "--history", "bad.csv"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:3") && bad.stderr.contains("row 2"), "\(bad.stderr)")
        let usage = try Leadsim.run(["backtest", "scenario.yaml", "baseline.yaml", "--history", "bad.csv", "--tolerance", "lots"],
                                    in: dir)
        #expect(usage.status == 2 && usage.stderr.contains("--tolerance"))
    }
}
