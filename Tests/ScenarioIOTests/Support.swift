import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// Paths inside the repository, found from this source file.
enum Repository {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `relative` under the root.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A temporary folder removed at the end of the test.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fiscal-sim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Loads a scenario, recording the diagnostics as a test issue if it is invalid.
func loadScenario(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> LoadedScenario? {
    do {
        return try ScenarioLoader().load(path)
    } catch {
        Issue.record("\(path) did not load:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The diagnostics of loading an invalid scenario (records an issue if it loads).
func loadErrors(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try ScenarioLoader().load(path)
        Issue.record("\(path) loaded but should have been rejected", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

/// A parsed CSV: header and rows of fields (RFC 4180 quoting, as the writers produce).
struct ParsedCSV {
    var header: [String]
    var rows: [[String]]

    init(_ text: String) {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" {
                record.append(field); field = ""; records.append(record); record = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// Column index by name.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
