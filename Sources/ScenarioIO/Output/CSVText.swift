import FiscalModel

/// Builds RFC 4180 CSV as UTF-8 bytes: comma-separated, quoted only where needed, `\n` line
/// ends. Rows go in whole (`append(_:)`) or cell by cell (`cell(_:)` … `endRow()`), the latter
/// writing amounts straight into the buffer without a `String` per cell (issue 22).
struct CSVText {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []
    /// Whether the next cell starts a row.
    private var rowStart = true

    /// The text so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

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
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends an amount cell.
    mutating func cell(_ amount: ScaledAmount) {
        separate()
        amount.append(to: &bytes)
    }

    /// Appends an integer cell.
    mutating func cell(_ integer: Int) {
        separate()
        ScaledAmount(units: Int128(integer), precision: 0).append(to: &bytes)
    }

    /// Appends an empty cell.
    mutating func emptyCell() { separate() }

    /// Ends the row.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        rowStart = true
    }

    private mutating func separate() {
        if !rowStart { bytes.append(UInt8(ascii: ",")) }
        rowStart = false
    }

    /// `field`, quoted if it holds a comma, quote or line break.
    static func escape(_ field: String) -> String {
        var csv = CSVText()
        csv.cell(field)
        return String(decoding: csv.bytes, as: UTF8.self)
    }
}
