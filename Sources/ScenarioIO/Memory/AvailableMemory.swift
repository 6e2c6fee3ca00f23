import Foundation

/// The memory a run may use (model.md §19): the smaller of the kernel's `MemAvailable` and, when the
/// process runs in a memory-limited cgroup (a Slurm job, a Kubernetes pod), that limit minus the
/// cgroup's current usage — cgroup v2 (`memory.max`, `memory.current`) or v1
/// (`memory.limit_in_bytes`, `memory.usage_in_bytes`).
public struct AvailableMemory: Sendable {
    /// Reads a small system file; `nil` if it does not exist.
    public var read: @Sendable (String) -> String?

    /// Reads from the running system.
    public static let system = AvailableMemory { path in try? String(contentsOfFile: path, encoding: .utf8) }

    /// Creates a reader over `read` (tests pass fixed file contents).
    public init(read: @escaping @Sendable (String) -> String?) { self.read = read }

    /// Bytes available, and where the figure comes from; `nil` when nothing can be read (not Linux).
    public func bytes() -> (bytes: Int, source: String)? {
        var best: (bytes: Int, source: String)?
        func consider(_ bytes: Int?, _ source: String) {
            guard let bytes else { return }
            if best == nil || bytes < best!.bytes { best = (max(0, bytes), source) }
        }
        consider(memAvailable(), "MemAvailable in /proc/meminfo")
        if let (limit, usage, source) = cgroupLimit() { consider(limit - usage, "the memory limit of \(source) minus its usage") }
        return best
    }

    /// `MemAvailable` in bytes.
    func memAvailable() -> Int? {
        guard let text = read("/proc/meminfo") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// The process's cgroup limit and usage, if it has a limit.
    func cgroupLimit() -> (limit: Int, usage: Int, source: String)? {
        let groups = read("/proc/self/cgroup") ?? ""
        for line in groups.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = parts[2] == "/" ? "" : String(parts[2])
            if parts[0] == "0" && parts[1].isEmpty {
                // v2: the limit may be set on the group or an ancestor; the tightest counts.
                var directory = path
                var tightest: (Int, Int, String)?
                while true {
                    let base = "/sys/fs/cgroup" + directory
                    if let limit = number(base + "/memory.max"), let usage = number(base + "/memory.current"),
                        tightest == nil || limit - usage < tightest!.0 - tightest!.1
                    {
                        tightest = (limit, usage, "cgroup \(directory.isEmpty ? "/" : directory)")
                    }
                    guard let slash = directory.lastIndex(of: "/"), !directory.isEmpty else { break }
                    directory = String(directory[..<slash])
                }
                if let tightest { return tightest }
            } else if parts[1].split(separator: ",").contains("memory") {
                // In a container the group's own folder is usually mounted as the root.
                for directory in Set([path, ""]).sorted(by: >) {
                    let base = "/sys/fs/cgroup/memory" + directory
                    if let limit = number(base + "/memory.limit_in_bytes"), let usage = number(base + "/memory.usage_in_bytes"),
                        limit < Int.max / 2
                    {
                        return (limit, usage, "cgroup \(directory.isEmpty ? "/" : directory) (v1)")
                    }
                }
            }
        }
        return nil
    }

    /// A file holding one whole number ("max" and unreadable files are no limit).
    private func number(_ path: String) -> Int? {
        read(path).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
