import FiscalModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScenarioIO
import ScenarioServer
import Testing

/// Paths inside the repository, found from this source file.
enum Repository {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `relative` under the root.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A temporary folder removed at the end of the test.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fiscal-sim-serve-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `data` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }
}

/// The shipped scenario, served (read once for all tests).
let shipped: ServedScenario = try! ServedScenario(path: nil)

/// An answer: status, headers and body.
struct Answer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: Data

    /// The body as JSON.
    var json: JSONValue { JSONValue.parse(body) ?? .null }
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The `errors` of an error answer as (path, message).
    var errors: [(path: String, message: String)] {
        guard case .array(let items)? = json["errors"] else { return [] }
        return items.compactMap {
            guard case .string(let path)? = $0["path"], case .string(let message)? = $0["message"] else { return nil }
            return (path, message)
        }
    }
}

/// Runs `body` against the router of a server for `served` (default: the shipped scenario).
func withServer<T: Sendable>(
    _ served: ServedScenario = shipped, jobs: JobQueue = JobQueue(), assets: PageAssets = PageAssets(), maximumPaths: Int = 1_000_000,
    _ body: @escaping @Sendable (Client) async throws -> T
) async throws -> T {
    let server = WhatIfServer(served: served, assets: assets, threads: 2, jobs: jobs, maximumPaths: maximumPaths)
    let app = Application(router: server.router())
    return try await app.test(.router) { client in try await body(Client(client: client)) }
}

/// A small client over HummingbirdTesting's.
struct Client: Sendable {
    let client: any TestClientProtocol

    func get(_ uri: String) async throws -> Answer { try await send(uri, .get) }
    func delete(_ uri: String) async throws -> Answer { try await send(uri, .delete) }
    func post(_ uri: String, _ json: String) async throws -> Answer { try await send(uri, .post, body: Data(json.utf8)) }

    func send(_ uri: String, _ method: HTTPRequest.Method, body: Data? = nil) async throws -> Answer {
        try await client.execute(uri: uri, method: method, body: body.map { ByteBuffer(bytes: $0) }) { response in
            Answer(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }
}

extension JSONValue {
    /// The items of an array.
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The text of a string or number.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        default: return nil
        }
    }
}

/// The rows of table `table` of an answer as (column → cell text) for rows of `variant`.
func rows(_ table: JSONValue?, variant: String) -> [[String: String]] {
    guard let table, case .array(let columns)? = table["columns"] else { return [] }
    let names = columns.compactMap { $0["name"]?.scalarText }
    return table["rows"]?.items.compactMap { row -> [String: String]? in
        var cells: [String: String] = [:]
        for (name, cell) in zip(names, row.items) {
            switch cell {
            case .bool(let value): cells[name] = value ? "true" : "false"
            case .null: cells[name] = ""
            default: cells[name] = normalized(cell.scalarText ?? "")
            }
        }
        return cells["variant"] == variant ? cells : nil
    } ?? []
}

/// A cell's text with numbers in one form (the test's JSON parser reads numbers as Doubles).
func normalized(_ text: String) -> String {
    Double(text).map { JSONValue.double($0).text } ?? text
}

/// `fiscal-sim run` of a scenario file on disk: the files of its run folder (the CLI's own
/// pipeline, `ScenarioRun`), as `RunCommand` renders them.
/// A relative `path` is read from `folder` (as if `fiscal-sim run` ran there).
func cliRun(
    _ path: String, in folder: TemporaryFolder? = nil, paths: Int? = nil, seed: UInt64? = nil, options: RunWriter.Options = RunWriter.Options()
) throws -> ScenarioRun {
    let files = folder.map { folder in ScenarioFiles { try Data(contentsOf: folder.url.appendingPathComponent($0)) } } ?? .disk
    var loaded = try ScenarioLoader(files: files).load(path)
    if let paths { loaded.scenario.paths = paths }
    if let seed { loaded.scenario.seed = seed }
    return try ScenarioRun(loaded, options: options)
}

/// The records of `name` in `run` (header first) as (column → cell) rows of `variant`.
func csvRows(_ run: ScenarioRun, _ name: String, variant: String) -> [[String: String]] {
    let records = CSVRecords.all(run.file(named: name) ?? Data())
    guard let header = records.first else { return [] }
    return records.dropFirst().map { Dictionary(zip(header, $0.map(normalized)), uniquingKeysWith: { a, _ in a }) }.filter { $0["variant"] == variant }
}

/// The saved scenario (`format=yaml`) of `query`, written beside a copy of the shipped
/// scenario's units table so it runs from disk as a planner would run it; its path relative to
/// `folder`.
func savedScenario(_ client: Client, query: String, in folder: TemporaryFolder) async throws -> String {
    let answer = try await client.get("/api/download?\(query)\(query.isEmpty ? "" : "&")format=yaml")
    #expect(answer.status == .ok)
    try folder.write("scenarios/data/siming-streets.csv", try Data(contentsOf: URL(fileURLWithPath: Repository.path("scenarios/data/siming-streets.csv"))))
    try folder.write("scenarios/siming-pilot-what-if.yaml", answer.body)
    return "scenarios/siming-pilot-what-if.yaml"
}
