import FiscalModel
import Foundation

/// Builds RFC 4180 CSV as UTF-8 bytes: comma-separated, quoted only where needed, `\n` line
/// ends. Rows go in whole (`append(_:)`) or cell by cell (`cell(_:)` … `endRow()`), the latter
/// writing amounts straight into a reused row buffer without a `String` per cell; each finished
/// row is appended to `data`, the file itself, which grows in place (no copy of a large table
/// when it becomes a file; issue 22).
struct CSVText {
    /// The file so far.
    private(set) var data = Data()
    /// The row being written.
    private var row: [UInt8] = []
    /// Whether the next cell starts a row.
    private var rowStart = true

    /// An empty table; with `bom`, the file starts with a UTF-8 byte-order mark (Excel).
    init(bom: Bool = false) {
        row.reserveCapacity(512)
        if bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// How many bytes the file holds so far.
    var byteCount: Int { data.count }

    /// Hands the finished rows so far to `sink` and empties the file (a table written in
    /// chunks; issue 22).
    mutating func flush(into sink: (Data) throws -> Void) rethrows {
        try sink(data)
        data.removeAll(keepingCapacity: true)
    }
    /// The text so far.
    var text: String { String(decoding: data, as: UTF8.self) }

    /// Appends one row.
    mutating func append(_ fields: [String]) {
        for field in fields { cell(field) }
        endRow()
    }

    /// Appends a text cell, quoted if it holds a comma, quote or line break.
    mutating func cell(_ field: String) {
        separate()
        var field = field
        field.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
                row.append(contentsOf: utf8)
                return
            }
            row.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { row.append(byte) }
                row.append(byte)
            }
            row.append(UInt8(ascii: "\""))
        }
    }

    /// Appends an amount cell.
    mutating func cell(_ amount: ScaledAmount) {
        separate()
        amount.append(to: &row)
    }

    /// Appends an integer cell.
    mutating func cell(_ integer: Int) {
        separate()
        ScaledAmount(units: Int128(integer), precision: 0).append(to: &row)
    }

    /// Appends an empty cell.
    mutating func emptyCell() { separate() }

    /// Ends the row.
    mutating func endRow() {
        row.append(UInt8(ascii: "\n"))
        data.append(contentsOf: row)
        row.removeAll(keepingCapacity: true)
        rowStart = true
    }

    private mutating func separate() {
        if !rowStart { row.append(UInt8(ascii: ",")) }
        rowStart = false
    }

    /// `field`, quoted if it holds a comma, quote or line break.
    static func escape(_ field: String) -> String {
        var csv = CSVText()
        csv.cell(field)
        return String(decoding: csv.row, as: UTF8.self)
    }
}
