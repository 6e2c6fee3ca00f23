import Foundation

/// What a run writes into its folder: the files (rendered in memory, or `units.csv` streamed
/// into the folder being staged) and, with `--xlsx`, the workbook, which libxlsxwriter writes
/// straight into the folder being staged.
public struct RunOutput: Sendable {
    /// The files (`units.csv`, …, `run.json`, `datapackage.json`) in writing order.
    public var runFiles: [RunFile]
    /// The workbook, if asked for.
    public var workbook: ReportWorkbook?

    /// The files and workbook of a run.
    public init(runFiles: [RunFile], workbook: ReportWorkbook?) {
        self.runFiles = runFiles
        self.workbook = workbook
    }

    /// Files whose bytes are all in memory, and the workbook.
    public init(files: [(name: String, data: Data)], workbook: ReportWorkbook?) {
        self.init(runFiles: files.map { RunFile(name: $0.name, data: $0.data) }, workbook: workbook)
    }

    /// Every file's bytes, in writing order (a streamed table is rendered into memory).
    public var files: [(name: String, data: Data)] { runFiles.map { ($0.name, $0.data) } }

    /// The folder's entries for `RunFolder.write(_:)`: the files, then the workbook.
    public var entries: [RunFolder.Entry] {
        var entries = runFiles.map(\.entry)
        if let workbook {
            entries.append(.produced(name: ReportWorkbook.fileName) { try workbook.write(to: $0) })
        }
        return entries
    }
}
