import CFileOps
import Foundation

/// Re-reads a written workbook (an `.xlsx` is a zip package) and checks that it is whole
/// before the run folder is swapped in (issue 23): the zip's central directory is present and
/// every part it lists decompresses completely, matches its CRC-32 and size, and ends as its
/// XML must (a worksheet with `</worksheet>`). A full disk or a cut temporary file shows up
/// here instead of in the planner's Excel.
enum XlsxPackageCheck {
    /// One part (file) of the package, from the central directory.
    struct Part {
        var name: String
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var offset: UInt64
    }

    /// The closing tag each kind of part must end with (other XML parts: `>`).
    static func closing(for name: String) -> String? {
        if name.hasPrefix("xl/worksheets/sheet") && name.hasSuffix(".xml") { return "</worksheet>" }
        switch name {
        case "xl/workbook.xml": return "</workbook>"
        case "xl/sharedStrings.xml": return "</sst>"
        case "[Content_Types].xml": return "</Types>"
        default: return name.hasPrefix("xl/charts/chart") ? "</c:chartSpace>" : (name.hasSuffix(".xml") || name.hasSuffix(".rels") ? ">" : nil)
        }
    }

    /// Throws a `WorkbookError` naming the first problem of the workbook at `url`.
    static func verify(_ url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw WorkbookError(description: "cannot re-read \(url.lastPathComponent) to check it: \(error.localizedDescription)")
        }
        let parts = try centralDirectory(data, name: url.lastPathComponent)
        guard parts.contains(where: { $0.name.hasPrefix("xl/worksheets/") }) else {
            throw WorkbookError(description: "\(url.lastPathComponent) holds no worksheet")
        }
        for part in parts { try check(part, in: data, file: url.lastPathComponent) }
    }

    /// The parts listed in the zip's central directory (with zip64 sizes and offsets).
    static func centralDirectory(_ data: Data, name: String) throws -> [Part] {
        let bytes = [UInt8](data.suffix(65_557))
        let base = data.count - bytes.count
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { le32(bytes, $0) == 0x0605_4b50 }) else {
            throw WorkbookError(description: "\(name) is cut short: its zip directory is missing")
        }
        var count = UInt64(le16(bytes, end + 10))
        var start = UInt64(le32(bytes, end + 16))
        if (count == 0xFFFF || start == 0xFFFF_FFFF), end >= 20, le32(bytes, end - 20) == 0x0706_4b50 {
            let record = Int(le64(data, base + end - 20 + 8))
            guard record + 56 <= data.count, le32(data, record) == 0x0606_4b50 else {
                throw WorkbookError(description: "\(name) is damaged: its zip64 directory is missing")
            }
            count = le64(data, record + 32)
            start = le64(data, record + 48)
        }
        var parts: [Part] = []
        var at = Int(clamping: start)
        for _ in 0..<count {
            guard at + 46 <= data.count, le32(data, at) == 0x0201_4b50 else {
                throw WorkbookError(description: "\(name) is damaged: its zip directory is cut short")
            }
            let nameLength = Int(le16(data, at + 28)), extraLength = Int(le16(data, at + 30)), commentLength = Int(le16(data, at + 32))
            guard at + 46 + nameLength + extraLength <= data.count else {
                throw WorkbookError(description: "\(name) is damaged: its zip directory is cut short")
            }
            var part = Part(
                name: String(decoding: data[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self), method: le16(data, at + 10),
                crc: le32(data, at + 16), compressedSize: UInt64(le32(data, at + 20)), size: UInt64(le32(data, at + 24)),
                offset: UInt64(le32(data, at + 42)))
            applyZip64(data, from: at + 46 + nameLength, length: extraLength, to: &part)
            parts.append(part)
            at += 46 + nameLength + extraLength + commentLength
        }
        return parts
    }

    /// Replaces the 32-bit fields saturated at 0xFFFFFFFF by the zip64 extra field's values.
    static func applyZip64(_ data: Data, from start: Int, length: Int, to part: inout Part) {
        var at = start
        while at + 4 <= start + length {
            let id = le16(data, at), size = Int(le16(data, at + 2))
            if id == 0x0001 {
                var field = at + 4
                for key in [\Part.size, \Part.compressedSize, \Part.offset] where part[keyPath: key] == 0xFFFF_FFFF && field + 8 <= at + 4 + size {
                    part[keyPath: key] = le64(data, field)
                    field += 8
                }
            }
            at += 4 + size
        }
    }

    /// Decompresses `part` and checks its size, CRC-32 and ending.
    static func check(_ part: Part, in data: Data, file: String) throws {
        let damaged = WorkbookError(description: "\(file) is damaged: the part \(part.name) is cut short or corrupt (a full disk while writing?)")
        let local = Int(clamping: part.offset)
        guard local + 30 <= data.count, le32(data, local) == 0x0403_4b50 else { throw damaged }
        let start = local + 30 + Int(le16(data, local + 26)) + Int(le16(data, local + 28))
        guard part.method == 0 || part.method == 8, start + Int(clamping: part.compressedSize) <= data.count else { throw damaged }
        var tail = [UInt8](repeating: 0, count: 64)
        var kept = 0, total: UInt64 = 0, crc: UInt = 0
        let status = data.withUnsafeBytes { raw in
            fiscal_inflate_tail(
                raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, Int(part.compressedSize), part.method == 0 ? 1 : 0,
                &tail, tail.count, &kept, &total, &crc)
        }
        guard status == 0, total == part.size, UInt32(truncatingIfNeeded: crc) == part.crc else { throw damaged }
        guard let closing = closing(for: part.name) else { return }
        let ending = String(decoding: tail[0..<kept], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard ending.hasSuffix(closing) else {
            throw WorkbookError(description: "\(file) is incomplete: the part \(part.name) does not end with \(closing) (a temporary file was cut short, e.g. a full disk)")
        }
    }

    private static func le16<C: RandomAccessCollection>(_ bytes: C, _ at: Int) -> UInt16 where C.Element == UInt8, C.Index == Int {
        let s = bytes.startIndex + at
        return UInt16(bytes[s]) | UInt16(bytes[s + 1]) << 8
    }

    private static func le32<C: RandomAccessCollection>(_ bytes: C, _ at: Int) -> UInt32 where C.Element == UInt8, C.Index == Int {
        UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16
    }

    private static func le64<C: RandomAccessCollection>(_ bytes: C, _ at: Int) -> UInt64 where C.Element == UInt8, C.Index == Int {
        UInt64(le32(bytes, at)) | UInt64(le32(bytes, at + 4)) << 32
    }
}
