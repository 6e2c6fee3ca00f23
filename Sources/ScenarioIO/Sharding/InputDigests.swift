import Foundation

/// The SHA-256 of every file one scenario load reads, by role (model.md §16: a shard records them
/// so that `merge` can tell shards of different inputs apart).
final class InputDigests: @unchecked Sendable {
    /// The log of the load in progress on this task, if any.
    @TaskLocal static var current: InputDigests?

    private let lock = NSLock()
    private var values: [String: String] = [:]

    /// Roles by the loader's name for the table (`units`, `tax series`, `correlation matrix`).
    private static let roles = ["units": "units", "tax series": "taxSeries", "correlation matrix": "matrix"]

    private var paths: [String] = []

    /// Records the bytes of the table the loader calls `what`, read from `path`.
    func record(_ what: String, _ data: Data, path: String) {
        let digest = ContentDigest.sha256(data)
        lock.lock()
        values[Self.roles[what] ?? what] = digest
        paths.append(path)
        lock.unlock()
    }

    /// The paths of the tables read, in reading order (an output folder must not hold them).
    var files: [String] {
        lock.lock()
        defer { lock.unlock() }
        return paths
    }

    /// Role → hex SHA-256.
    var digests: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
