import CFileOps
import Foundation

/// Writes a run's files into its folder atomically (model.md §9, §12): the files go into a hidden
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
                case let .file(name, data):
                    do {
                        try data.write(to: url)
                    } catch {
                        throw WriteError(description: "cannot write \(name) in \(destination.path): \(InputFile.reason(error)); nothing was replaced")
                    }
                case let .produced(name, write):
                    do {
                        try write(url)
                    } catch {
                        throw WriteError(description: "cannot write \(name) in \(destination.path): \(error); nothing was replaced")
                    }
                }
            }
        }
    }

    /// Makes the complete content of the folder with `fill`, which writes the files into the
    /// (hidden, empty, locked) work folder it is given — for output streamed to disk. An
    /// existing destination is replaced only if it is empty or fiscal-sim wrote it (issue 23).
    public func write(using fill: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        try checkDestination()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create \(parent.path): \(InputFile.reason(error))")
        }
        WorkFolder.removeStale(for: name, in: parent)
        let work = try WorkFolder(for: name, in: parent)
        defer { work.release() }
        let staging = work.url
        do {
            try fill(staging)
            work.detachLockFile()
            try FileSync.folder(staging)
            try checkDestination()
            try swapIn(staging)
            try? FileSync.path(parent.path, folder: true)
        } catch {
            try? manager.removeItem(at: staging)
            if let error = error as? WriteError { throw error }
            throw WriteError(description: "cannot write the run folder \(destination.path): \(InputFile.reason(error)); nothing was replaced")
        }
    }

    /// Refuses a destination that must not be replaced (a user's folder, a file).
    private func checkDestination() throws {
        if let problem = FolderOwnership.problem(destination, shown: destination.path) {
            throw WriteError(description: problem)
        }
    }

    /// Moves the complete work folder to the destination: a rename where there is none yet, an
    /// exchange where there is one (also when a concurrent run created it meanwhile).
    private func swapIn(_ staging: URL) throws {
        if !FileManager.default.fileExists(atPath: destination.path) {
            if rename(staging.path, destination.path) == 0 { return }
            guard errno == ENOTEMPTY || errno == EEXIST else {
                throw WriteError(description: "cannot move the run into \(destination.path): \(String(cString: strerror(errno)))")
            }
        }
        try replace(destination, with: staging)
    }

    /// Swaps the new folder into place (one atomic exchange where the file system supports it),
    /// then deletes the old one.
    private func replace(_ old: URL, with new: URL) throws {
        if fiscal_exchange_paths(new.path, old.path) == 0 {
            try? FileManager.default.removeItem(at: new)
            return
        }
        // Fallback: two renames; between them only the old folder's hidden copy exists.
        let retired = old.deletingLastPathComponent()
            .appendingPathComponent(".\(old.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard rename(old.path, retired.path) == 0 else {
            throw WriteError(description: "cannot replace \(old.path): \(String(cString: strerror(errno)))")
        }
        guard rename(new.path, old.path) == 0 else {
            _ = rename(retired.path, old.path)
            throw WriteError(description: "cannot replace \(old.path): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: retired)
    }
}
