import Foundation
import ScenarioIO

/// A CSV the tool wrote, parsed by the tool's own reader (`CSVRecords`): header and rows.
public struct ParsedCSV {
    /// The header fields.
    public var header: [String]
    /// The data rows.
    public var rows: [[String]]

    /// Parses `text`.
    public init(_ text: String) { self.init(Data(text.utf8)) }

    /// Parses `data`.
    public init(_ data: Data) {
        let records = CSVRecords.all(data)
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// Column index by name.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
