import Foundation

/// The one reader of the CSV files this tool writes (RFC 4180: comma, `"` quoting, `\n` line
/// ends, an optional UTF-8 byte-order mark): records one at a time, in place, so a large table
/// is never held twice; the header; the row count; a line's first field. (Input CSVs that people
/// write — units, history, design — go through `CSVTable`, which also reads GB18030.)
public enum CSVRecords {
    /// Calls `body` with the fields of each record of `data`, header first.
    public static func forEach(_ data: Data, _ body: ([String]) throws -> Void) rethrows {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            func endField() {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quoted {
                    if byte != UInt8(ascii: "\"") {
                        field.append(byte)
                    } else if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): quoted = true
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\r"): continue
                case UInt8(ascii: "\n"):
                    endField()
                    try body(fields)
                    fields.removeAll(keepingCapacity: true)
                default: field.append(byte)
                }
            }
            if !field.isEmpty || !fields.isEmpty {
                endField()
                try body(fields)
            }
        }
    }

    /// The header row of `data`: the fields of its first line.
    public static func header(_ data: Data) -> [String] {
        all(Data(data.prefix { $0 != UInt8(ascii: "\n") })).first ?? []
    }

    /// Every record of `data` (for the small tables the charts read).
    public static func all(_ data: Data) -> [[String]] {
        var records: [[String]] = []
        forEach(data) { records.append($0) }
        return records
    }

    /// The number of records after the header (line ends outside quotes, less one).
    public static func dataRowCount(_ data: Data) -> Int {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var quoted = false
            var lines = 0
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == UInt8(ascii: "\n"), !quoted { lines += 1 }
            }
            if let last = bytes.last, last != UInt8(ascii: "\n") { lines += 1 }
            return max(0, lines - 1)
        }
    }

    /// The first field of `line` (quotes kept, as in the file): the key of a block of rows.
    public static func firstField(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var quoted = false
        for index in line.indices {
            switch line[index] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): if !quoted { return line[..<index] }
            default: break
            }
        }
        return line
    }
}
