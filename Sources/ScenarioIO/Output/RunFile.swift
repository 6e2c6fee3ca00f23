import Foundation

/// One file of a run folder (运行结果文件): bytes rendered in memory, or a large table
/// (`units.csv`) whose rows are rendered in chunks straight into the folder being staged and
/// into memory only when someone asks for its bytes (issue 22: a 100,000-unit run does not hold
/// its 600 MB table whole).
public struct RunFile: Sendable {
    /// The rows of a streamed table, handed to a sink in chunks.
    public typealias Rows = @Sendable ((Data) throws -> Void) throws -> Void

    /// The file name.
    public let name: String
    /// The bytes held in memory: the whole file, or a streamed table's header line.
    private let head: Data
    /// A streamed table's rows after `head`; `nil` when `head` is the whole file.
    private let rows: Rows?

    /// `name` with these bytes.
    public init(name: String, data: Data) {
        self.name = name
        head = data
        rows = nil
    }

    /// `name`: the table `header` (byte-order mark and header line, line break included), then
    /// the chunks `rows` hands its sink.
    public init(name: String, header: Data, rows: @escaping Rows) {
        self.name = name
        head = header
        self.rows = rows
    }

    /// Whether the rows are rendered only when written or asked for.
    public var isStreamed: Bool { rows != nil }

    /// The whole file (a streamed table is rendered into memory here).
    public var data: Data {
        guard let rows else { return head }
        var data = head
        // The sink below does not throw; neither does the rendering of a run's tables.
        try? rows { data.append($0) }
        return data
    }

    /// The same file held in memory, a streamed table rendered once here: for a run whose other
    /// outputs read its bytes too (the workbook reads `units.csv` or `units_quantiles.csv`).
    public var inMemory: RunFile { rows == nil ? self : RunFile(name: name, data: data) }

    /// The bytes up to the first line break (the header of a CSV), without rendering any rows.
    public var firstLine: Data { head.prefix { $0 != UInt8(ascii: "\n") } }

    /// The bytes `DataPackage` reads (the header line is all it looks at).
    var described: (name: String, data: Data) { (name, rows == nil ? head : firstLine) }

    /// The same file with its header line changed by `change` (`--lang zh`).
    func changingHeader(_ change: ((name: String, data: Data)) -> (name: String, data: Data)) -> RunFile {
        guard let rows else { return RunFile(name: name, data: change((name, head)).data) }
        return RunFile(name: name, header: change((name, head)).data, rows: rows)
    }

    /// The folder entry: the bytes, or the table written chunk by chunk into the staged file.
    public var entry: RunFolder.Entry {
        guard let rows else { return .file(name: name, data: head) }
        let (name, head) = (name, head)
        return .produced(name: name) { url in
            do {
                try head.write(to: url)
                let handle = try FileHandle(forWritingTo: url)
                defer { try? handle.close() }
                try handle.seekToEnd()
                try rows { try handle.write(contentsOf: $0) }
            } catch {
                throw RunFolder.WriteError(description: InputFile.reason(error))
            }
        }
    }
}
