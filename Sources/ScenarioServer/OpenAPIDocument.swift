/// The OpenAPI 3 document of the what-if API, served at `/api/openapi.json` (model.md §21): every
/// route, its request body, parameters and answers, every error status with the errors body.
enum OpenAPIDocument {
    /// The document.
    static func json(scenario: String, maximumPaths: Int) -> JSONValue {
        .object([
            ("openapi", .string("3.0.3")),
            ("info", .object([
                ("title", .string("fiscal-sim what-if API")),
                ("version", .string("1.0.0")),
                ("description", .string("The API of the what-if page of `fiscal-sim serve` (serving \(scenario)). Every run is `fiscal-sim run` of the served scenario with the changes as a variant; numbers are rounded as in the CSVs.")),
            ])),
            ("paths", paths),
            ("components", .object([("schemas", Schemas.all(maximumPaths: maximumPaths))])),
        ])
    }

    private static var paths: JSONValue {
        .object([
            ("/api/scenario", .object([("get", operation(
                "scenario", "The scenario, its variants and the levers of a starting variant",
                parameters: [query("variant", Schemas.text), query("lang", enumeration(["en", "zh"]))],
                answers: [("200", "The scenario and its levers", json(ref("Scenario"))), ("400", "Unknown variant", errorContent)]))])),
            ("/api/run", .object([("post", operation(
                "run", "Run the scenario with the changes (deterministic)", body: ref("RunRequest"),
                answers: [("200", "The run's tables", json(ref("RunResult"))), ("400", "Invalid input", errorContent), ("413", "Body over 64 KiB", errorContent)]))])),
            ("/api/sweep", .object([("post", operation(
                "sweep", "The range view: one lever swept over at most 50 points", body: ref("SweepRequest"),
                answers: [("200", "sweep.csv as a table", json(ref("SweepResult"))), ("400", "Invalid input", errorContent), ("413", "Body over 64 KiB", errorContent)]))])),
            ("/api/jobs", .object([("post", operation(
                "startJob", "Start a Monte Carlo job", body: ref("JobRequest"),
                answers: [
                    ("202", "Queued or running", json(ref("JobAccepted"))), ("400", "Invalid input, or more paths than memory allows", errorContent),
                    ("413", "Body over 64 KiB", errorContent), ("429", "One job runs and four wait already", errorContent),
                ]))])),
            ("/api/jobs/{id}", .object([
                ("parameters", .array([.object([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", .object([("type", .string("string"))]))])])),
                ("get", operation("job", "A job's status, progress and result", answers: [("200", "The job", json(ref("Job"))), ("404", "No such job", errorContent)])),
                ("delete", operation("cancelJob", "Cancel a queued or running job", answers: [("200", "The job", json(ref("Job"))), ("404", "No such job", errorContent)])),
            ])),
            ("/api/download", .object([("get", operation(
                "download", "The run folder as a ZIP (or, with format=yaml, the scenario with the changes as a variant)",
                parameters: [
                    query("variant", Schemas.text), query("lang", enumeration(["en", "zh"])), query("format", enumeration(["zip", "yaml"])),
                    .object([
                        ("name", .string("set")), ("in", .string("query")), ("style", .string("form")), ("explode", .bool(true)),
                        ("description", .string("Each changed lever as PATH=VALUE: a number, a word such as never, or steps YEAR:VALUE,YEAR:VALUE")),
                        ("schema", .object([("type", .string("object")), ("additionalProperties", .object([("type", .string("string"))]))])),
                    ]),
                ],
                answers: [
                    ("200", "The run folder", .object([
                        ("application/zip", .object([("schema", .object([("type", .string("string")), ("format", .string("binary"))]))])),
                        ("application/yaml", .object([("schema", .object([("type", .string("object")), ("description", .string("The scenario file (a YAML mapping)"))]))])),
                    ])),
                    ("400", "Invalid input", errorContent),
                ]))])),
            ("/api/openapi.json", .object([("get", operation(
                "openapi", "This document", answers: [("200", "The OpenAPI document", json(.object([("type", .string("object"))])))]))])),
        ])
    }

    private static func operation(_ id: String, _ summary: String, parameters: [JSONValue] = [], body: JSONValue? = nil, answers: [(String, String, JSONValue)]) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("operationId", .string(id)), ("summary", .string(summary))]
        if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
        if let body {
            pairs.append(("requestBody", .object([("required", .bool(false)), ("content", json(body))])))
        }
        pairs.append(("responses", .object(answers.map { ($0.0, .object([("description", .string($0.1)), ("content", $0.2)])) })))
        return .object(pairs)
    }

    private static func query(_ name: String, _ schema: JSONValue) -> JSONValue {
        .object([("name", .string(name)), ("in", .string("query")), ("required", .bool(false)), ("schema", schema)])
    }

    private static func json(_ schema: JSONValue) -> JSONValue { .object([("application/json", .object([("schema", schema)]))]) }

    private static var errorContent: JSONValue { json(ref("Errors")) }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static func enumeration(_ values: [String]) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(values.map { .string($0) }))])
    }
}
