import Foundation
import ScenarioFile
import Testing

/// SplitMix64: a small seeded generator so that every fuzz case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates a YAML text: deletes, duplicates or swaps lines, changes scalars, or inserts bytes.
func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.isEmpty else { return text }
    let scalars = ["0", "-1", "99999999999999999999", "999999999999w", "1e308", "NaN", ".inf", "~", "", "[]", "{}",
                   "yes", "NO", "\"\"", "24:00", "25:61", "2026-02-30", "1h30", "{i}", "-{i}", "0s", "100%", "150%",
                   "{normal: {mean: 1m, sd: 5m}}", "[[1, 2]]", "&a x", "*a", "!!binary x", "? x", "|", ">", "'",
                   "account-owner", "automated", "exists", "\"=> 4\"", "{matches: \"(\"}"]
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            if lines.count > 1 { lines.remove(at: i) }
        case 1:
            lines.insert(lines[i], at: i)
        case 2:
            let j = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(i, j)
        case 3, 4:
            // Change the scalar after the first ': ' (or the list item).
            let line = lines[i]
            let replacement = scalars[Int.random(in: 0..<scalars.count, using: &rng)]
            if let r = line.range(of: ": ") {
                lines[i] = String(line[..<r.upperBound]) + replacement
            } else if let r = line.range(of: "- ") {
                lines[i] = String(line[..<r.upperBound]) + replacement
            } else {
                lines[i] = replacement
            }
        default:
            var chars = Array(lines[i].unicodeScalars)
            let position = Int.random(in: 0...chars.count, using: &rng)
            let pool: [Unicode.Scalar] = ["\u{0}", "\t", "\r", "\u{1B}", ":", "{", "}", "[", "]", "#", "\"", "'", "é", "😀",
                                          "\u{FEFF}", "\u{7F}", "%", "&", "*", "!", "|", ">", "-", ","]
            let scalar = Bool.random(using: &rng) ? pool[Int.random(in: 0..<pool.count, using: &rng)]
                : Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))
            chars.insert(scalar, at: position)
            lines[i] = String(String.UnicodeScalarView(chars))
        }
    }
    return lines.joined(separator: "\n")
}

@Test func fuzzedFilesNeverCrashAndAlwaysPointAtALine() throws {
    let folder = packageRoot.appendingPathComponent("Scenarios")
    var scenarios: [String] = [try text(fixtures.appendingPathComponent("spec-scenario.yaml"))]
    var rules: [String] = [try text(fixtures.appendingPathComponent("spec-ruleset.yaml"))]
    for world in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let dir = folder.appendingPathComponent(world)
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".yaml") {
            let content = try text(dir.appendingPathComponent(file))
            if file == "scenario.yaml" { scenarios.append(content) } else if file != "shifts.yaml" { rules.append(content) }
        }
    }
    let baseScenario = try ScenarioLoader.load(yaml: scenarios[0], file: "spec.yaml")
    var rng = SeededGenerator(state: 20_260_105)
    var rejected = 0, accepted = 0
    let cases = 6_000
    for n in 0..<cases {
        let isScenario = n % 2 == 0
        let pool = isScenario ? scenarios : rules
        let yaml = mutate(pool[Int.random(in: 0..<pool.count, using: &rng)], &rng)
        do {
            if isScenario {
                _ = try ScenarioLoader.load(yaml: yaml, file: "fuzz.yaml")
            } else {
                let ruleSet = try RuleSetLoader.load(yaml: yaml, file: "fuzz.yaml")
                for d in crossCheck(scenario: baseScenario, ruleSet: ruleSet) where d.line < 1 {
                    Issue.record("case \(n): cross-check diagnostic without a line: \(d)")
                }
            }
            accepted += 1
        } catch {
            rejected += 1
            if error.errors.isEmpty { Issue.record("case \(n): rejected without an error\n\(yaml)") }
            for d in error.diagnostics where d.line < 1 || d.column < 1 {
                Issue.record("case \(n): diagnostic without a line: \(d)\n\(yaml)")
            }
            _ = error.description
        }
    }
    #expect(rejected > cases / 4)
    #expect(accepted > 0)
}
