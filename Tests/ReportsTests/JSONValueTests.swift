import Reports
import Testing
import TextFormats

/// The ordered JSON writer: fixed key order, shortest round-trip numbers, NaN as null.
@Suite struct JSONValueTests {
    @Test func numbers() {
        #expect(JSONValue.numberText(1) == "1")
        #expect(JSONValue.numberText(-0.0) == "0")
        #expect(JSONValue.numberText(0.1) == "0.1")
        #expect(JSONValue.numberText(1.0 / 3) == "0.3333333333333333")
        #expect(JSONValue.numberText(12_345.6) == "12345.6")
        #expect(JSONValue.numberText(1e-7) == "1e-07")
        #expect(JSONValue.numberText(.nan) == "null")
        #expect(JSONValue.numberText(.infinity) == "null")
        #expect(JSONValue.numberText(1e300) == "1e+300")
    }

    @Test func keysStayInOrderAndSmallObjectsStayOnOneLine() {
        let value = JSONValue.object([
            JSONMember("zeta", .number(1)),
            JSONMember("alpha", .object([JSONMember("mean", .number(0.5)), JSONMember("ci95", .array([.number(0), .number(1)]))])),
            JSONMember("list", .array([.object([JSONMember("b", .bool(true))]), .null])),
            JSONMember("text", .string("a \"quote\"\n\u{01}é")),
        ])
        #expect(value.rendered() == """
        {
          "zeta": 1,
          "alpha": {"mean": 0.5, "ci95": [0, 1]},
          "list": [
            {"b": true},
            null
          ],
          "text": "a \\"quote\\"\\n\\u0001é"
        }

        """)
    }
}
