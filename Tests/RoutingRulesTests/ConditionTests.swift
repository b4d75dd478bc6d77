import RoutingRules
import SimulationModel
import Testing

/// One field test applied to one value; `nil` value = the field is missing.
struct OperatorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var test: FieldTest
    var value: FieldValue?
    var holds: Bool
    var testDescription: String { "\(name) on \(value?.description ?? "missing") -> \(holds)" }

    init(_ name: String, _ test: FieldTest, _ value: FieldValue?, _ holds: Bool) {
        (self.name, self.test, self.value, self.holds) = (name, test, value, holds)
    }
}

let operatorCases: [OperatorCase] = [
    // Scalar equality: same type and value only.
    .init("= EMEA", .equals("EMEA"), "EMEA", true),
    .init("= EMEA", .equals("EMEA"), "emea", false),
    .init("= EMEA", .equals("EMEA"), 5, false),
    .init("= EMEA", .equals("EMEA"), nil, false),
    .init("= 1000", .equals(1000), 1000, true),
    .init("= 1000", .equals(1000), "1000", false),
    .init("= true", .equals(true), true, true),
    .init("= true", .equals(true), false, false),
    .init("= true", .equals(true), nil, false),
    // Lists: membership.
    .init("in [en, de]", .oneOf(["en", "de"]), "de", true),
    .init("in [en, de]", .oneOf(["en", "de"]), "fr", false),
    .init("in [en, de]", .oneOf(["en", "de"]), nil, false),
    .init("in [1, 2]", .oneOf([1, 2]), 2, true),
    .init("in [1, 2]", .oneOf([1, 2]), 3, false),
    .init("in [x, true]", .oneOf(["x", true]), true, true),
    // Comparison operators.
    .init("'= EMEA'", .compare(.equal, "EMEA"), "EMEA", true),
    .init("'!= EMEA'", .compare(.notEqual, "EMEA"), "NA", true),
    .init("'!= EMEA'", .compare(.notEqual, "EMEA"), "EMEA", false),
    .init("'!= EMEA'", .compare(.notEqual, "EMEA"), 7, true),
    .init("'!= EMEA'", .compare(.notEqual, "EMEA"), nil, false),
    .init("'!= 5'", .compare(.notEqual, 5), 5, false),
    .init("'!= 5'", .compare(.notEqual, 5), 6, true),
    .init("'< 40'", .compare(.less, 40), 39.9, true),
    .init("'< 40'", .compare(.less, 40), 40, false),
    .init("'< 40'", .compare(.less, 40), "30", false),
    .init("'< 40'", .compare(.less, 40), nil, false),
    .init("'<= 40'", .compare(.lessOrEqual, 40), 40, true),
    .init("'<= 40'", .compare(.lessOrEqual, 40), 40.5, false),
    .init("'> 40'", .compare(.greater, 40), 40, false),
    .init("'> 40'", .compare(.greater, 40), 41, true),
    .init("'>= 1000'", .compare(.greaterOrEqual, 1000), 1000, true),
    .init("'>= 1000'", .compare(.greaterOrEqual, 1000), 999, false),
    .init("'>= 1000'", .compare(.greaterOrEqual, 1000), true, false),
    .init("'< M' (text)", .compare(.less, "M"), "Apple", true),
    .init("'< M' (text)", .compare(.less, "M"), "Zed", false),
    .init("'< M' (text)", .compare(.less, "M"), 5, false),
    .init("'>= M' (text)", .compare(.greaterOrEqual, "M"), "M", true),
    // between: inclusive, numbers only.
    .init("between 10 100", .between(10, 100), 10, true),
    .init("between 10 100", .between(10, 100), 100, true),
    .init("between 10 100", .between(10, 100), 9.99, false),
    .init("between 10 100", .between(10, 100), "50", false),
    .init("between 10 100", .between(10, 100), nil, false),
    // {not: X}: negation of a present value; a missing field is still false.
    .init("not = EMEA", .not(.equals("EMEA")), "NA", true),
    .init("not = EMEA", .not(.equals("EMEA")), "EMEA", false),
    .init("not = EMEA", .not(.equals("EMEA")), nil, false),
    .init("not not = EMEA", .not(.not(.equals("EMEA"))), "EMEA", true),
    .init("not between", .not(.between(10, 100)), 5, true),
    .init("not between", .not(.between(10, 100)), 50, false),
    .init("not in [1, 2]", .not(.oneOf([1, 2])), 3, true),
    .init("not exists", .not(.exists), nil, false),
    .init("not missing", .not(.missing), "x", true),
    .init("not missing", .not(.missing), nil, false),
    // matches: a regex searched in the value's text form.
    .init("matches ^acme\\.", .matches("^acme\\."), "acme.com", true),
    .init("matches ^acme\\.", .matches("^acme\\."), "ACME.com", false),
    .init("matches ^acme\\.", .matches("^acme\\."), "www.acme.com", false),
    .init("matches corp", .matches("corp"), "bigcorp inc", true),
    .init("matches ^4\\d$", .matches("^4\\d$"), 42, true),
    .init("matches ^tr", .matches("^tr"), true, true),
    .init("matches .*", .matches(".*"), nil, false),
    .init("not matches corp", .not(.matches("corp")), "bigcorp", false),
    .init("not matches corp", .not(.matches("corp")), 12, true),
    // contains / starts_with: case-insensitive.
    .init("contains Gmail", .contains("Gmail"), "john@GMAIL.com", true),
    .init("contains Gmail", .contains("Gmail"), "john@yahoo.com", false),
    .init("contains Gmail", .contains("Gmail"), nil, false),
    .init("contains 00", .contains("00"), 1000, true),
    .init("starts with vp", .startsWith("vp"), "VP Sales", true),
    .init("starts with vp", .startsWith("vp"), "SVP Sales", false),
    .init("starts with vp", .startsWith("vp"), nil, false),
    // exists / missing.
    .init("exists", .exists, "x", true),
    .init("exists", .exists, 0, true),
    .init("exists", .exists, false, true),
    .init("exists", .exists, nil, false),
    .init("missing", .missing, nil, true),
    .init("missing", .missing, "x", false),
]

@Suite struct ConditionTests {
    /// The field test decides the route, for a symbol interned by the compiler or after it.
    @Test(arguments: operatorCases)
    func fieldTest(_ c: OperatorCase) throws {
        var h = try Harness(Build.ruleSet([Build.route("hit", field("f", c.test), to: "yes")],
                                          fallback: "no", queues: Build.queues("yes", "no")))
        #expect(h.destination(["f": c.value]) == (c.holds ? "yes" : "no"))
        // A second distinct text interned after compiling is tabulated too.
        #expect(h.destination(["f": .text("zz-\(c.name)")]) == h.destination(["f": .text("zz-\(c.name)")]))
    }

    /// Condition-level `not` is logical negation: it holds when the field is missing.
    @Test func conditionNotOnMissingField() throws {
        var h = try Harness(Build.ruleSet([Build.route("not-emea", .not(field("region", .equals("EMEA"))), to: "yes")],
                                          fallback: "no", queues: Build.queues("yes", "no")))
        #expect(h.destination([:]) == "yes")
        #expect(h.destination(["region": "NA"]) == "yes")
        #expect(h.destination(["region": "EMEA"]) == "no")
    }

    @Test(arguments: [
        (["region": "EMEA", "language": "de"], true),
        (["region": "EMEA", "language": "fr"], false),
        (["region": "EMEA"], false),
        (["region": "NA", "language": "en", "score": 95], true),
        (["region": "NA", "language": "en", "score": 10], false),
        (["demo_intent": false, "score": 10], true),
    ] as [([String: FieldValue], Bool)])
    func nestedAllAnyNot(_ fields: [String: FieldValue], _ holds: Bool) throws {
        // any: [{region: EMEA, language: [en, de]}, {score: "> 90"}, {all: [{demo_intent: false}, {not: {score: "> 50"}}]}]
        let condition = Condition.any([
            .all([field("region", .equals("EMEA")), field("language", .oneOf(["en", "de"]))]),
            field("score", .compare(.greater, 90)),
            .all([field("demo_intent", .equals(false)), .not(field("score", .compare(.greater, 50)))]),
        ])
        var h = try Harness(Build.ruleSet([Build.route("r", condition, to: "yes")], fallback: "no",
                                          queues: Build.queues("yes", "no")))
        #expect(h.destination(fields.mapValues { $0 }) == (holds ? "yes" : "no"))
    }
}
