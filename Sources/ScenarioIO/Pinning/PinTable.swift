import Foundation

/// An output table of a run (`<name>.csv`) read back for pinned comparisons, with row lookup
/// by key columns.
struct PinTable {
    /// The table name (`units`, `districts`, …).
    let name: String
    /// The parsed CSV.
    let csv: CSVTable

    /// Why no single cell could be found.
    struct LookupFailure: Error {
        /// What is wrong and how to fix the test file.
        var message: String
    }

    /// Reads the run's table `name` from its CSV bytes.
    init(name: String, data: Data) throws(InputError) {
        self.name = name
        self.csv = try CSVTable.parse(data, file: name + ".csv")
    }

    /// The text of the cell in `column` of the one row whose key columns hold `key`.
    func cell(key: [(column: String, value: String)], column: String) throws(LookupFailure) -> String {
        let file = name + ".csv"
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
        let file = name + ".csv"
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
