import CSV
import Foundation

/// A CSV file read into header and rows, with line numbers for diagnostics.
///
/// Accepts UTF-8 with or without a byte-order mark and, when the bytes are not UTF-8 but decode
/// without error as GB18030 (GBK from Excel on Chinese Windows), GB18030; anything else is
/// refused with a message that says how to re-save.
struct CSVTable {
    /// A data row with its 1-based line number.
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// The file name used in diagnostics.
    var file: String
    /// Header fields, trimmed.
    var header: [String]
    /// Data rows.
    var rows: [Row]
    /// The encoding the file was decoded from when it was not UTF-8 (`GB18030`).
    var encoding: String?

    /// Reads `data` as CSV.
    static func parse(_ data: Data, file: String) throws(InputError) -> CSVTable {
        var encoding: String?
        var decoded = String(data: data, encoding: .utf8)
        if decoded == nil, let legacy = GB18030Text.decode(data) {
            decoded = legacy
            encoding = GB18030Text.name
        }
        guard var text = decoded else {
            let hint = Self.looksLikeGB18030(data)
                ? "it looks like GBK/GB18030 (Excel's default 'CSV' on Chinese Windows); re-save it as UTF-8: in Excel choose 'CSV UTF-8 (逗号分隔)', or run: iconv -f GB18030 -t UTF-8 \(file) > utf8.csv"
                : "save it as UTF-8"
            throw InputError([Diagnostic(file: file, line: Self.firstInvalidLine(data), message: "the file is not UTF-8 text; \(hint)")])
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) {
            throw InputError([Diagnostic(file: file, line: 1, column: 1, message: "the file is empty; it needs a header row")])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw InputError([Diagnostic(file: file, line: 1, message: "cannot read CSV: \(error)")])
        }
        let header = (reader.headerRow ?? []).map(\.trimmingWhitespace)
        var rows: [Row] = []
        var line = 1 + Self.newlines(in: reader.headerRow ?? [])
        while let fields = reader.next() {
            line += 1
            if fields.count == 1, fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            // Short rows (trailing empty cells dropped) are padded; a long row is reported by its reader.
            let padded = fields.count < header.count ? fields + Array(repeating: "", count: header.count - fields.count) : fields
            rows.append(Row(line: line, fields: padded))
            line += Self.newlines(in: fields)
        }
        if let error = reader.error {
            throw InputError([Diagnostic(file: file, line: line + 1, message: "cannot read CSV: \(error); check for an unclosed quote")])
        }
        return CSVTable(file: file, header: header, rows: rows, encoding: encoding)
    }

    /// Index of `column` in the header.
    func index(of column: String) -> Int? { header.firstIndex(of: column) }

    private static func newlines(in fields: [String]) -> Int {
        fields.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
    }

    static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    /// A GB18030 double-byte sequence: lead byte 0x81–0xFE, trail 0x40–0xFE except 0x7F.
    static func looksLikeGB18030(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        var index = 0
        var pairs = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            guard (0x81...0xFE).contains(byte), index + 1 < bytes.count else { return false }
            let trail = bytes[index + 1]
            if (0x40...0xFE).contains(trail) && trail != 0x7F {
                pairs += 1
                index += 2
            } else if (0x30...0x39).contains(trail), index + 3 < bytes.count {
                index += 4
                pairs += 1
            } else {
                return false
            }
        }
        return pairs > 0
    }
}
