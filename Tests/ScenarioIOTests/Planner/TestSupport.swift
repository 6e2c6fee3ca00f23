import Foundation
import Testing

@testable import ScenarioIO

extension TemporaryFolder {
    /// Writes `data` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }
}

/// A parsed output CSV whose cells are looked up by key columns and column name.
struct OutputTable {
    /// Header names.
    let header: [String]
    /// Rows by key (the key columns' values joined with `|`).
    let rows: [String: [String]]

    /// Parses `text`, keying rows by `keyColumns`.
    init(_ text: String, keyColumns: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let table = try CSVTable.parse(Data(text.utf8), file: "output.csv")
        header = table.header
        let keyIndices = keyColumns.map { table.index(of: $0)! }
        var rows: [String: [String]] = [:]
        for row in table.rows {
            let key = keyIndices.map { row.fields[$0] }.joined(separator: "|")
            #expect(rows[key] == nil, "duplicate output row \(key)", sourceLocation: sourceLocation)
            rows[key] = row.fields
        }
        self.rows = rows
    }

    /// The cell of `column` in the row with `key`, or `nil`.
    func cell(_ key: String, _ column: String) -> String? {
        guard let index = header.firstIndex(of: column) else { return nil }
        return rows[key]?[index]
    }
}
