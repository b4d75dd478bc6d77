/// The small world of the command-line and library tests: a scenario of two teams and two
/// rule sets (`baseline` by region, `pooled`: one queue of every rep).
public enum StudyFixtures {
    public static let scenario = """
        name: cli-world
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

    public static let baseline = """
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

    public static let pooled = """
        name: pooled
        routes:
          - name: everyone
            to: pool
        queues:
          pool: {reps: [na-1, na-2, emea-1, emea-2], strategy: least-loaded}

        """
}
