/// The schemas of the what-if API's OpenAPI document (`OpenAPIDocument`).
enum Schemas {
    /// `{"type": "string"}`.
    static let text = type("string")
    private static let number = type("number")
    private static let integer = type("integer")
    private static let boolean = type("boolean")

    private static func type(_ name: String) -> JSONValue { .object([("type", .string(name))]) }

    private static func object(_ properties: [(String, JSONValue)], required: [String] = [], closed: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        if closed { pairs.append(("additionalProperties", .bool(false))) }
        return .object(pairs)
    }

    private static func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }

    private static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var pairs) = schema else { return schema }
        pairs.append(("nullable", .bool(true)))
        return .object(pairs)
    }

    /// A cell of a table: a number as the CSV writes it, text, `true`/`false`, or `null`.
    private static let cell = JSONValue.object([("nullable", .bool(true)), ("oneOf", .array([number, text, boolean, object([("count", integer), ("of", integer)])]))])
    private static let labels = object([("en", text), ("zh", text)], required: ["en", "zh"])
    private static let step = object([("year", integer), ("value", number)], required: ["year", "value"], closed: true)
    private static let leverValue = JSONValue.object([("oneOf", .array([number, text, .object([("type", .string("array")), ("items", step), ("minItems", .int(1))])]))])
    private static let set = JSONValue.object([
        ("type", .string("object")), ("additionalProperties", leverValue), ("maxProperties", .int(APIRequest.maximumChanges)),
        ("description", .string("Point paths (model.md §15) such as rebate.bands.0.rate to values")),
    ])
    private static let variant = JSONValue.object([("type", .string("string")), ("description", .string("The starting variant (default reform)"))])
    private static let table = object([
        ("columns", array(object([("name", text), ("en", text), ("zh", text), ("description", text)], required: ["name", "en", "zh"]))),
        ("rows", array(array(cell))),
    ], required: ["columns", "rows"])
    private static let summaryColumn = object([("en", text), ("zh", text), ("kind", OpenAPIDocument.enumeration(["text", "money", "ratio", "count"]))], required: ["en", "zh"])
    private static let summary = object([("title", labels), ("columns", array(summaryColumn)), ("rows", array(array(cell)))], required: ["title", "columns", "rows"])

    /// Every schema by name; a job takes at most `maximumPaths` paths.
    static func all(maximumPaths: Int) -> JSONValue {
        .object([
            ("Errors", object([
                ("errors", array(object([("path", text), ("message", text)], required: ["path", "message"]))),
            ], required: ["errors"])),
            ("RunRequest", object([("variant", variant), ("set", set)], closed: true)),
            ("SweepRequest", object([
                ("variant", variant), ("set", set), ("lever", text), ("from", number), ("to", number),
                ("points", .object([("type", .string("integer")), ("minimum", .int(2)), ("maximum", .int(RangeView.maximumPoints))])),
            ], required: ["lever", "from", "to"], closed: true)),
            ("JobRequest", object([
                ("variant", variant), ("set", set),
                ("paths", .object([("type", .string("integer")), ("minimum", .int(2)), ("maximum", .int(maximumPaths))])),
                ("seed", .object([("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(1 << 53))])),
            ], required: ["paths"], closed: true)),
            ("Scenario", object([
                ("name", text), ("currency", text), ("unit", text), ("precision", integer),
                ("years", object([("base", integer), ("first", integer), ("end", integer)])),
                ("lang", text), ("variant", text), ("variants", array(text)),
                ("districts", array(object([("id", text), ("name", text)]))),
                ("units", array(object([("id", text), ("name", text), ("district", text)]))),
                ("levers", array(object([
                    ("path", text), ("group", text), ("label", labels), ("unit", labels), ("kind", text),
                    ("value", .object([("nullable", .bool(true)), ("oneOf", .array([number, text, array(step)]))])),
                    ("bounds", object([("min", nullable(number)), ("max", nullable(number))])),
                    ("stepFunction", boolean), ("options", array(text)),
                ], required: ["path", "label", "unit", "kind", "value", "bounds"]))),
                ("limits", type("object")), ("charts", boolean),
            ], required: ["name", "variants", "levers"])),
            ("RunResult", object([
                ("variant", text), ("whatIf", text), ("changes", type("object")),
                ("comparison", array(type("object"))), ("summary", summary), ("headline", summary),
                ("districts", table), ("units", table),
            ], required: ["variant", "whatIf", "comparison", "summary", "headline", "districts", "units"])),
            ("SweepResult", object([("variant", text), ("lever", text), ("table", table)], required: ["lever", "table"])),
            ("JobAccepted", object([
                ("id", text), ("status", OpenAPIDocument.enumeration(["queued", "running", "done", "failed", "cancelled"])),
            ], required: ["id", "status"])),
            ("Job", object([
                ("id", text), ("status", OpenAPIDocument.enumeration(["queued", "running", "done", "failed", "cancelled"])),
                ("progress", .object([("type", .string("number")), ("minimum", .int(0)), ("maximum", .int(1))])),
                ("result", nullable(object([
                    ("variant", text), ("whatIf", text), ("paths", integer), ("seed", integer), ("summary", summary), ("districts", table),
                    ("totals", table),
                ]))),
                ("errors", array(object([("path", text), ("message", text)]))),
            ], required: ["id", "status", "progress", "result"])),
        ])
    }
}
