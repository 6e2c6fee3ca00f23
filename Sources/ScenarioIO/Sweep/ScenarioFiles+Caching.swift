import Foundation

extension ScenarioFiles {
    /// `base`, with every file read once and kept: a sweep validates hundreds of points of the
    /// same scenario, and each reads the same units table.
    public static func caching(_ base: ScenarioFiles) -> ScenarioFiles {
        let cache = FileCache()
        return ScenarioFiles { path in try cache.data(at: path) { try base.data(at: path) } }
    }
}

/// Bytes by path, shared by the threads that validate points.
private final class FileCache: @unchecked Sendable {
    private var files: [String: Data] = [:]
    private let lock = NSLock()

    func data(at path: String, read: () throws -> Data) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        if let data = files[path] { return data }
        let data = try read()
        files[path] = data
        return data
    }
}
