import RoutingRules
import SimulationModel
import Testing

/// `route` skips routes by per-field bitsets; `explainRoute` tries every route in order.
/// Over random rule sets and leads, both must decide the same.
@Suite struct RouteIndexTests {
    static let texts: [FieldValue] = ["a", "b", "c", "Abc", "bcd"]

    static func randomTest(_ random: inout SeededUniform) -> FieldTest {
        func pick<T>(_ values: [T]) -> T { values[Int(random.nextUniform() * Double(values.count))] }
        let number = FieldValue.number(Double(Int(random.nextUniform() * 10)))
        switch Int(random.nextUniform() * 10) {
        case 0: return .equals(pick(texts + [number, true, false]))
        case 1: return .oneOf([pick(texts), pick(texts), number])
        case 2: return .compare(pick(ComparisonOperator.allCases), pick(texts + [number]))
        case 3: return .between(2, 7)
        case 4: return .not(randomTest(&random))
        case 5: return .matches(pick(["^a", "c$", "b"]))
        case 6: return .contains(pick(["B", "c"]))
        case 7: return .startsWith(pick(["a", "B"]))
        case 8: return .exists
        default: return .missing
        }
    }

    static func randomCondition(_ random: inout SeededUniform, depth: Int = 0) -> Condition {
        let fieldName = ["f", "g", "h"][Int(random.nextUniform() * 3)]
        let roll = depth > 2 ? 0 : Int(random.nextUniform() * 5)
        switch roll {
        case 0, 1: return .field(fieldName, randomTest(&random))
        case 2: return .all((0..<(1 + Int(random.nextUniform() * 3))).map { _ in randomCondition(&random, depth: depth + 1) })
        case 3: return .any((0..<(1 + Int(random.nextUniform() * 3))).map { _ in randomCondition(&random, depth: depth + 1) })
        default: return .not(randomCondition(&random, depth: depth + 1))
        }
    }

    @Test(arguments: 0..<100)
    func indexedRoutingAgreesWithSequentialRouting(seed: Int) throws {
        var random = SeededUniform(state: UInt64(seed) &+ 99)
        let routeCount = 1 + Int(random.nextUniform() * 140)
        let routes = (0..<routeCount).map { r in
            Build.route("r\(r)", random.nextUniform() < 0.03 ? nil : Self.randomCondition(&random), to: "q")
        }
        var h = try Harness(Build.ruleSet(routes, fallback: random.nextUniform() < 0.5 ? "q" : nil, queues: Build.queues("q")))
        let values: [FieldValue?] = Self.texts + [nil, true, false, 0, 2, 3, 5, 7, 9.5, -1, "zz"]
        for _ in 0..<200 {
            var fields: [String: FieldValue?] = [:]
            for name in ["f", "g", "h"] { fields[name] = values[Int(random.nextUniform() * Double(values.count))] }
            let lead = h.lead(fields)
            let fast = h.compiled.route(lead.view)
            let slow = h.compiled.explainRoute(lead.view, schema: h.schema).decision
            #expect(fast == slow, "seed \(seed), lead \(fields)")
        }
    }
}
