import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading a CSV that Excel on Chinese Windows saved as "CSV": GBK, whose superset is GB18030
/// (国家标准 GB 18030). Decoded with the C library's `iconv`, and only when every byte sequence
/// is valid GB18030 — anything else is refused as before.
enum GB18030Text {
    /// The encoding's name, as `run.json` and the note on standard error give it.
    static let name = "GB18030"

    /// `data` decoded from GB18030, or `nil` if any byte sequence is invalid or incomplete.
    static func decode(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // GB18030 → UTF-8 at most doubles the size: 1 → 1, 2 → ≤ 3 and 4 → 4 bytes.
        var output = [UInt8](repeating: 0, count: data.count * 2 + 16)
        let outputCount = output.count
        var input = [UInt8](data)
        let written: Int? = input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputCount
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return nil }
                if iconv(converter, nil, nil, &outPointer, &outLeft) == -1 { return nil }
                return inLeft == 0 ? outputCount - outLeft : nil
            }
        }
        guard let written else { return nil }
        return String(decoding: output[..<written], as: UTF8.self)
    }

    /// The note on standard error when `file` was read as GB18030.
    static func note(file: String) -> Diagnostic {
        Diagnostic(
            file: file, severity: .note,
            message: "read as \(name) (GBK, Excel's 'CSV' on Chinese Windows), not UTF-8. To avoid the guess, save it as 'CSV UTF-8 (逗号分隔)'")
    }
}
