import Foundation

/// `--lang zh`: the header row of every CSV in Chinese (the `ColumnCatalog` labels, e.g. 增量返还
/// for `rebate`, greening条费 for `fee_greening`). English headers stay the default
/// and the contract; `datapackage.json` then names each field by its Chinese header and gives
/// the English name as `title`, so a Chinese header can be mapped back.
public enum ChineseHeaders {
    /// `file` with its header row translated if it is a CSV; other files unchanged.
    public static func apply(_ file: (name: String, data: Data)) -> (name: String, data: Data) {
        guard file.name.hasSuffix(".csv") else { return file }
        let bytes = [UInt8](file.data)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = bytes.starts(with: bom) ? 3 : 0
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let header = String(decoding: bytes[start..<end], as: UTF8.self)
        var csv = CSVText()
        csv.append(header.split(separator: ",", omittingEmptySubsequences: false).map { BriefColumns.entry(for: String($0), in: file.name).chinese })
        return (file.name, Data(bytes[..<start]) + Data(csv.text.utf8).dropLast() + Data(bytes[end...]))
    }

    /// The Chinese labels of `columns`.
    public static func translate(_ columns: [String]) -> [String] {
        columns.map { ColumnCatalog.entry(for: $0).chinese }
    }
}
