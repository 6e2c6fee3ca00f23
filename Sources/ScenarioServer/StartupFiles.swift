import Foundation
import ScenarioIO

/// The files the served scenario read when the server started, kept in memory (model.md §21: the
/// scenario and its files are read once; requests never name files). A request's scenario can
/// read these and its own what-if text only: a variant that points `growth.correlation.matrix`
/// at another file gets "cannot read", never the file.
final class StartupFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private var frozen = false

    /// Reads through `base` and keeps what was read, until `freeze()`.
    func recording(_ base: ScenarioFiles) -> ScenarioFiles {
        ScenarioFiles { [self] path in
            lock.lock()
            defer { lock.unlock() }
            if let data = files[path] { return data }
            guard !frozen else { throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            let data = try base.data(at: path)
            files[path] = data
            return data
        }
    }

    /// From now on, only the files already read can be read.
    func freeze() {
        lock.lock()
        frozen = true
        lock.unlock()
    }
}
