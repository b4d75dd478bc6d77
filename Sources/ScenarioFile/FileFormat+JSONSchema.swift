import TextFormats

/// JSON Schema (draft 2020-12) rendered from the file format table, for editors
/// (`# yaml-language-server: $schema=…`) and other validators.
extension FileFormat {
    /// Shared and recursive shapes, rendered once under `$defs` and referenced by name.
    static let definitions: [String: (summary: String, shape: ValueShape)] = [
        durationDistribution: ("A duration drawn from a distribution: a plain duration (constant) or one kind "
                               + "(normal and beta are not allowed for durations). "
                               + DocumentReader.distributionValid, distributionShape(.duration)),
        fieldDistribution: ("A numeric field drawn from a distribution, optionally rounded (integer) and scaled.",
                            .object(distribution(.number, extraKeys: numericFieldKeys))),
        fields: ("Lead fields by name: " + ScenarioBuilder.fieldValid + ".", .object(fieldsFormat)),
        fieldGenerator: ("How one field's value is drawn: " + ScenarioBuilder.fieldValid + ".", fieldGeneratorShape),
        categoricalWeights: ("Values with relative weights, e.g. {NA: 50, EMEA: 30, APAC: 20}.", .object(categoricalFormat)),
        condition: ("A condition on lead fields: " + RuleSetBuilder.conditionValid + ".", .object(conditionFormat)),
        fieldTest: ("A test of one field: a value (equality), a list (membership), \"OP value\" with OP one of "
                    + "= != < <= > >=, exists, missing, or one of between, not, matches, contains, starts_with.",
                    fieldTestShape),
    ]

    /// The JSON Schema of a kind of file, as committed under `Schemas/` and printed by
    /// `leadsim schema`.
    public static func jsonSchema(_ kind: Kind) -> String {
        var writer = _SchemaWriter()
        let (title, summary, root): (String, String, ObjectFormat) = switch kind {
        case .scenario: ("leadsim scenario",
                         "A leadsim scenario: how leads arrive, what they look like, and which reps work them when (SPEC §2).",
                         scenario)
        case .rules: ("leadsim rule set",
                      "A leadsim rule set: ordered routes to queues, how each queue picks a rep, and the SLA (SPEC §3).",
                      ruleSet)
        case .shifts: ("leadsim shift templates",
                       "The shifts `leadsim shifts` may hire reps on: a name, a weekly schedule, its zone and cost (SPEC §9).",
                       shifts)
        }
        var entries: [(String, JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string(title)),
            ("description", .string(summary)),
        ]
        entries += writer.object(root)
        entries.append(("$defs", .members(writer.definitions())))
        return JSONValue.members(entries).rendered() + "\n"
    }
}

/// Renders shapes, collecting the named definitions they refer to.
struct _SchemaWriter {
    private var referenced: Set<String> = []

    mutating func schema(_ shape: ValueShape) -> [(String, JSONValue)] {
        switch shape {
        case .text: return [("type", .string("string")), ("pattern", .string("\\S"))]
        case .syntax(let kind): return reference(kind.rawValue)
        case .integer(let minimum, let maximum):
            return [("type", .string("integer"))] + bound("minimum", minimum.map(Double.init))
                + bound("maximum", maximum.map(Double.init))
        case .unsignedInteger:
            return [("type", .string("integer")), ("minimum", .number(0)), ("maximum", .literal(String(UInt64.max)))]
        case .number(let minimum, let exclusiveMinimum, let maximum):
            return [("type", .string("number"))] + bound("minimum", minimum) + bound("exclusiveMinimum", exclusiveMinimum)
                + bound("maximum", maximum)
        case .bool: return [("type", .string("boolean"))]
        case .choice(let words, _): return [("type", .string("string")), ("enum", .array(words.map { .string($0) }))]
        case .word(let word): return [("const", .string(word))]
        case .fieldValue: return [("type", Self.scalarTypes)]
        case .fieldTestValue:
            return [("type", Self.scalarTypes),
                    ("not", .members([("type", .string("string")), ("pattern", .string(Self.operatorTypo))]))]
        case .list(let item, let minimum, let maximum):
            return [("type", .string("array")), ("items", .members(schema(item)))]
                + bound("minItems", minimum.map(Double.init)) + bound("maxItems", maximum.map(Double.init))
        case .tuple(let items):
            return [("type", .string("array")), ("prefixItems", .array(items.map { .members(schema($0)) })),
                    ("items", .bool(false)), ("minItems", .number(Double(items.count)))]
        case .object(let format): return object(format)
        case .reference(let name): return reference(name)
        case .anyOf(let shapes): return [("anyOf", .array(shapes.map { .members(schema($0)) }))]
        case .oneOf(let shapes): return [("oneOf", .array(shapes.map { .members(schema($0)) }))]
        }
    }

    mutating func object(_ format: ObjectFormat) -> [(String, JSONValue)] {
        var properties: [(String, JSONValue)] = []
        var rejected: [String] = []
        for key in format.keys {
            if key.rejection != nil {
                rejected.append(key.name)
                continue
            }
            properties.append((key.name, .members([("description", .string(key.summary))] + schema(key.shape))))
        }
        var entries: [(String, JSONValue)] = [("type", .string("object"))]
        if !properties.isEmpty { entries.append(("properties", .members(properties))) }
        if !format.required.isEmpty { entries.append(("required", .array(format.required.map { .string($0) }))) }
        if let other = format.otherKeys {
            entries.append(("additionalProperties", .members(schema(other))))
        } else {
            entries.append(("additionalProperties", .bool(false)))
        }
        if !rejected.isEmpty {
            entries.append(("propertyNames", .members([("not", .members([("enum", .array(rejected.map { .string($0) }))]))])))
        }
        entries += bound("minProperties", format.minimumKeys.map(Double.init))
        let exclusive = format.exactlyOne.filter { format[$0]?.rejection == nil }
        if !exclusive.isEmpty {
            entries.append(("oneOf", .array(exclusive.map { .members([("required", .array([.string($0)]))]) })))
        }
        return entries
    }

    /// Every definition referred to so far (and those they refer to), by name.
    mutating func definitions() -> [(String, JSONValue)] {
        var done: [String: JSONValue] = [:]
        while let name = referenced.subtracting(done.keys).sorted().first {
            done[name] = .members(definition(name))
        }
        return done.keys.sorted().map { ($0, done[$0]!) }
    }

    private mutating func definition(_ name: String) -> [(String, JSONValue)] {
        if let kind = ValueSyntax.Kind(rawValue: name) {
            let text: [(String, JSONValue)] = [("type", .string("string")), ("pattern", .string(kind.pattern))]
            guard kind == .share else { return [("description", .string(kind.valid))] + text }
            let fraction: [(String, JSONValue)] = [("type", .string("number")), ("minimum", .number(0)), ("maximum", .number(1))]
            return [("description", .string(kind.valid)), ("anyOf", .array([.members(fraction), .members(text)]))]
        }
        guard let (summary, shape) = FileFormat.definitions[name] else { return [] }
        return [("description", .string(summary))] + schema(shape)
    }

    private mutating func reference(_ name: String) -> [(String, JSONValue)] {
        referenced.insert(name)
        return [("$ref", .string("#/$defs/\(name)"))]
    }

    private func bound(_ key: String, _ value: Double?) -> [(String, JSONValue)] {
        value.map { [(key, JSONValue.number($0))] } ?? []
    }

    /// Texts the condition loader refuses as a mistyped comparison (`=>`, `>==`, `< <`, …): a test
    /// that starts with an operator followed by another operator character.
    static let operatorTypo = "^ *(==|=>|=<|<>|(!=|<=|>=) *[=!<>]|= *!|= +[=<>]|< *[!<]|< +[=>]|> *[!<>]|> +=)"
    private static let scalarTypes = JSONValue.array([.string("string"), .string("number"), .string("boolean")])
}

private extension JSONValue {
    /// An object from (key, value) pairs, in order.
    static func members(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(pairs.map(JSONMember.init)) }
}
