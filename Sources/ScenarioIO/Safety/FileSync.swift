import Foundation

/// Forces written files to the disk (`fsync`) before a run folder is swapped in, so that after
/// a power cut the folder is the previous one or the complete new one (issue 23).
enum FileSync {
    /// Why a file could not be synced.
    struct Failure: Error, CustomStringConvertible {
        /// What failed.
        var description: String
    }

    /// Syncs every regular file directly in `folder`, then the folder itself.
    static func folder(_ folder: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                try path(url.path, folder: false)
            }
        }
        try path(folder.path, folder: true)
    }

    /// Syncs the file or folder at `path`.
    static func path(_ path: String, folder: Bool) throws {
        let descriptor = open(path, (folder ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot open \(path) to flush it to disk: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // EINVAL: a file system that cannot sync (e.g. some FUSE mounts); nothing more to do.
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw Failure(description: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}
