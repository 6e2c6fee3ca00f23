import FiscalModel
import Foundation

/// An output table of a run (`<name>.csv`, or the one-row table of a JSON file such as
/// `solve.json`) read back for pinned comparisons, with row lookup by key columns.
struct PinTable {
    /// The table name (`units`, `districts`, `solve`, …).
    let name: String
    /// The parsed table.
    let csv: CSVTable
    /// The file it was read from (`units.csv`, `solve.json`).
    let file: String

    /// Why no single cell could be found.
    struct LookupFailure: Error {
        /// What is wrong and how to fix the test file.
        var message: String
    }

    /// Reads the run's table `name` from its CSV bytes (with the reader of the tool's own CSVs).
    init(name: String, data: Data) {
        self.name = name
        self.file = name + ".csv"
        let records = CSVRecords.all(data)
        let header = (records.first ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.dropFirst().enumerated().map { offset, fields in
            CSVTable.Row(line: offset + 2, fields: fields + Array(repeating: "", count: max(0, header.count - fields.count)))
        }
        self.csv = CSVTable(file: file, header: header, rows: rows)
    }

    /// Reads the run's file `<name>.json` as a table of one row: a column per top-level key, a
    /// number or text as written, `null` as an empty cell, a list as its length.
    init(name: String, json data: Data) throws(InputError) {
        self.name = name
        self.file = name + ".json"
        guard let object = try? JSONDecoder().decode([String: JSONField].self, from: data) else {
            throw InputError([Diagnostic(file: file, message: "not a JSON object")])
        }
        let keys = object.keys.sorted()
        csv = CSVTable(file: file, header: keys, rows: [CSVTable.Row(line: 2, fields: keys.map { object[$0]!.text })])
    }

    /// A top-level value of a JSON file, as a cell.
    private struct JSONField: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                text = ""
            } else if let flag = try? value.decode(Bool.self) {
                text = String(flag)
            } else if let number = try? value.decode(Double.self) {
                text = NumberText.trimmed.text(number)
            } else if let string = try? value.decode(String.self) {
                text = string
            } else if let list = try? value.decode([Ignored].self) {
                text = String(list.count)
            } else {
                text = ""
            }
        }
    }

    /// Any JSON value, skipped.
    private struct Ignored: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// The text of the cell in `column` of the one row whose key columns hold `key`.
    func cell(key: [(column: String, value: String)], column: String) throws(LookupFailure) -> String {
        var indices: [(column: String, index: Int, value: String)] = []
        for (keyColumn, value) in key {
            guard let index = csv.index(of: keyColumn) else {
                throw LookupFailure(message: "key column '\(keyColumn)' is not a column of \(file)\(Suggestion.hint(for: keyColumn, in: csv.header)); its key columns are \(keyColumns.joined(separator: ", "))")
            }
            indices.append((keyColumn, index, value))
        }
        guard let columnIndex = csv.index(of: column) else {
            throw LookupFailure(message: "'\(column)' is not a column of \(file)\(Suggestion.hint(for: column, in: csv.header))")
        }
        let matches = csv.rows.filter { row in
            indices.allSatisfy { Self.trimmed(row.fields[$0.index]) == $0.value }
        }
        guard matches.count == 1 else {
            if matches.isEmpty { throw LookupFailure(message: noRowMessage(indices)) }
            let varying = keyColumns.filter { column in
                guard let index = csv.index(of: column) else { return false }
                return Set(matches.map { Self.trimmed($0.fields[index]) }).count > 1
            }
            throw LookupFailure(message: "\(matches.count) rows of \(file) match; add \(varying.isEmpty ? "key columns" : varying.joined(separator: ", ")) to the key to pick one")
        }
        return Self.trimmed(matches[0].fields[columnIndex])
    }

    /// The columns that identify a row: the listed key columns this table has.
    var keyColumns: [String] {
        ["variant", "point", "wave", "district", "unit", "year", "metric"].filter { csv.header.contains($0) }
    }

    private func noRowMessage(_ indices: [(column: String, index: Int, value: String)]) -> String {
        for (column, index, value) in indices {
            let values = Self.distinct(csv.rows.map { Self.trimmed($0.fields[index]) })
            if !values.contains(value) {
                let listed = values.count <= 12 ? values.joined(separator: ", ") : values.prefix(12).joined(separator: ", ") + ", …"
                return "no row of \(file) has \(column) '\(value)'\(Suggestion.hint(for: value, in: values)); it has \(listed)"
            }
        }
        return "no row of \(file) matches all of the key (each value exists, but not together)"
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces) }
}
