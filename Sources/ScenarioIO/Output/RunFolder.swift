import CFileOps
import Foundation

/// Writes a run's files into its folder atomically (SPEC §9, §12): the files go into a hidden
/// sibling folder first, which then replaces the destination in one step. A reader — or a
/// process killed at any moment — sees the previous complete folder or the new complete one,
/// never a mix, and a failed run leaves no partial folder behind.
public struct RunFolder {
    /// Why the folder could not be written.
    public struct WriteError: ToolError {
        /// What went wrong and what to do.
        public var description: String
    }

    /// The destination folder.
    public let destination: URL

    /// A writer for `destination` (the run folder itself).
    public init(_ destination: URL) { self.destination = destination.standardizedFileURL }

    /// One file of the folder: bytes in memory, or a file that a writer creates at a path
    /// inside the staging folder (the workbook: libxlsxwriter writes to a path).
    public enum Entry: Sendable {
        /// `name` with these bytes.
        case file(name: String, data: Data)
        /// `name`, created by `write` at the URL it is given.
        case produced(name: String, write: @Sendable (URL) throws -> Void)

        /// The file name.
        public var name: String {
            switch self {
            case let .file(name, _), let .produced(name, _): name
            }
        }
    }

    /// Writes `files` (name → bytes) as the complete content of the folder.
    public func write(_ files: [(name: String, data: Data)]) throws {
        try write(files.map { Entry.file(name: $0.name, data: $0.data) })
    }

    /// Writes `entries` as the complete content of the folder; if any entry fails, nothing is
    /// left behind and a previous folder stays as it was.
    public func write(_ entries: [Entry]) throws {
        try write { staging in
            for entry in entries {
                let url = staging.appendingPathComponent(entry.name)
                switch entry {
                case let .file(_, data): try data.write(to: url)
                case let .produced(name, write):
                    do {
                        try write(url)
                    } catch {
                        throw WriteError(description: "cannot write \(name) in \(destination.path): \(error)")
                    }
                }
            }
        }
    }

    /// Makes the complete content of the folder with `fill`, which writes the files into the
    /// (hidden, empty) staging folder it is given — for output streamed to disk.
    public func write(using fill: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw WriteError(description: "\(destination.path) exists and is not a folder; choose another --out")
        }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        removeStaleStaging(in: parent, for: name)
        let staging = parent.appendingPathComponent(".\(name).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            try fill(staging)
            if manager.fileExists(atPath: destination.path) {
                try replace(destination, with: staging)
            } else if rename(staging.path, destination.path) != 0 {
                throw WriteError(description: "cannot move the run into \(destination.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? manager.removeItem(at: staging)
            if let error = error as? WriteError { throw error }
            throw WriteError(description: "cannot write the run folder \(destination.path): \(error.localizedDescription)")
        }
    }

    /// Swaps the new folder into place (one atomic exchange where the file system supports it),
    /// then deletes the old one.
    private func replace(_ old: URL, with new: URL) throws {
        if fiscal_exchange_paths(new.path, old.path) == 0 {
            try? FileManager.default.removeItem(at: new)
            return
        }
        // Fallback: two renames; between them only the old folder's hidden copy exists.
        let retired = old.deletingLastPathComponent().appendingPathComponent(".\(old.lastPathComponent).old-\(getpid())")
        guard rename(old.path, retired.path) == 0 else {
            throw WriteError(description: "cannot replace \(old.path): \(String(cString: strerror(errno)))")
        }
        guard rename(new.path, old.path) == 0 else {
            _ = rename(retired.path, old.path)
            throw WriteError(description: "cannot replace \(old.path): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: retired)
    }

    /// Removes staging folders of earlier runs into the same destination whose process is gone.
    private func removeStaleStaging(in parent: URL, for name: String) {
        let prefix = ".\(name).partial-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let pid = entry.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) } ?? 0
            if pid > 0, kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
