import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The hidden folder a run writes its files into before they replace the destination
/// (工作文件夹, `.NAME.partial-PID-RANDOM` next to it). The run holds an advisory lock
/// (`flock`) on `.fiscal-sim.lock` inside it for its whole life, so another process — in
/// another container, PID namespace or, on a file system whose locks work across hosts,
/// another machine — can tell a live work folder from one a killed run left (issue 23).
final class WorkFolder {
    /// The lock file's name inside the work folder (removed just before the swap).
    static let lockName = ".fiscal-sim.lock"
    /// Below this age (of the newest change inside it), a work folder whose lock could be taken
    /// but which another kernel wrote is still left alone: locks on some network file systems
    /// (NFS mounted `nolock`) do not reach across hosts.
    static let ageGuard: TimeInterval = 24 * 3600

    /// The folder.
    let url: URL
    private var lock: Int32

    /// Creates and locks a new work folder for `destination` in `parent`.
    init(for name: String, in parent: URL) throws {
        url = parent.appendingPathComponent(Self.prefix(for: name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        lock = open(url.appendingPathComponent(Self.lockName).path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        // Blocking: a cleaner that opened the new file first holds the lock only for a moment.
        guard lock >= 0, flock(lock, LOCK_EX) == 0 || errno == ENOLCK || errno == EOPNOTSUPP else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: url)
            throw RunFolder.WriteError(description: "cannot create the work folder \(url.path): \(reason)")
        }
        let identity = Data((Self.bootID + "\n").utf8)
        _ = identity.withUnsafeBytes { write(lock, $0.baseAddress, $0.count) }
    }

    deinit { release() }

    /// Removes the lock file from the folder (the lock itself stays held until `release`),
    /// so that the folder swapped in holds only the run's files.
    func detachLockFile() {
        unlink(url.appendingPathComponent(Self.lockName).path)
    }

    /// Releases the lock.
    func release() {
        if lock >= 0 { close(lock) }
        lock = -1
    }

    /// The hidden prefix of the work folders of `name` (the name cut to keep the whole at
    /// most 255 bytes).
    static func prefix(for name: String) -> String {
        var cut = Substring(name)
        while cut.utf8.count > 200 { cut = cut.dropLast() }
        return ".\(cut).partial-"
    }

    /// This kernel's boot id: processes that share it share their locks whatever their
    /// container or PID namespace.
    static let bootID: String = {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// Removes the work folders of `name` in `parent` that no live run holds: those whose lock
    /// can be taken and that this kernel wrote, or that nothing changed in for `ageGuard` (a
    /// lock taken on another host's folder, or a folder without a lock file).
    static func removeStale(for name: String, in parent: URL, now: Date = Date()) {
        let prefix = prefix(for: name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let folder = parent.appendingPathComponent(entry)
            let descriptor = open(folder.appendingPathComponent(lockName).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            if descriptor >= 0 {
                defer { close(descriptor) }
                if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                    var buffer = [UInt8](repeating: 0, count: 64)
                    let count = read(descriptor, &buffer, buffer.count)
                    let owner = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
                    if !bootID.isEmpty, owner.trimmingCharacters(in: .whitespacesAndNewlines) == bootID {
                        try? FileManager.default.removeItem(at: folder)  // its run is gone
                        continue
                    }
                } else if errno == EWOULDBLOCK {
                    continue  // a live run
                }
            }
            if now.timeIntervalSince(newestChange(in: folder)) > ageGuard {
                try? FileManager.default.removeItem(at: folder)
            }
        }
    }

    /// The latest modification time of `folder` and the entries in it.
    static func newestChange(in folder: URL) -> Date {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        return ([folder.path] + names.map { folder.appendingPathComponent($0).path })
            .compactMap { try? manager.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
            .max() ?? .distantFuture
    }
}
