import Foundation

/// A fresh directory with a small scenario and two rule sets (the CLI tests' world).
struct Workspace {
    let url: URL

    static let scenario = """
        name: study-world
        start: 2026-01-05T00:00
        timezone: America/New_York
        horizon: 3d
        warmup: 1d
        replications: 2
        seed: 9
        sources:
          - name: inbound
            volume: 40/day
            fields:
              region: {NA: 60, EMEA: 40}
        teams:
          - name: na
          - name: emea
        reps:
          - count: 2
            name: na-{i}
            team: na
            schedule: weekdays 09:00-17:00
          - count: 2
            name: emea-{i}
            team: emea
            timezone: Europe/London
            schedule: weekdays 09:00-17:00
        defaults:
          rep: {capacity: {open: 10}, touch_delay: 15m, handle_time: {exponential: {mean: 4h}}}

        """

    static let baseline = """
        name: baseline
        routes:
          - name: emea
            when: {region: EMEA}
            to: emea
        fallback: na
        queues:
          na: {team: na, strategy: round-robin}
          emea: {team: emea, strategy: round-robin}
        sla:
          first_touch: 1h

        """

    static let pooled = """
        name: pooled
        routes:
          - name: everyone
            to: pool
        queues:
          pool: {reps: [na-1, na-2, emea-1, emea-2], strategy: least-loaded}

        """

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write(Self.scenario, "scenario.yaml")
        try write(Self.baseline, "baseline.yaml")
        try write(Self.pooled, "pooled.yaml")
    }

    /// The path of `name` in the workspace.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ text: String, _ name: String) throws {
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
