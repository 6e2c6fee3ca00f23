import Foundation

/// What a run writes into its folder: the files rendered in memory and, with `--xlsx`, the
/// workbook, which libxlsxwriter writes straight into the folder being staged.
public struct RunOutput: Sendable {
    /// The files (`units.csv`, …, `run.json`, `datapackage.json`) in writing order.
    public var files: [(name: String, data: Data)]
    /// The workbook, if asked for.
    public var workbook: ReportWorkbook?

    /// The folder's entries for `RunFolder.write(_:)`: the files, then the workbook.
    public var entries: [RunFolder.Entry] {
        var entries = files.map { RunFolder.Entry.file(name: $0.name, data: $0.data) }
        if let workbook {
            entries.append(.produced(name: ReportWorkbook.fileName) { try workbook.write(to: $0) })
        }
        return entries
    }
}
