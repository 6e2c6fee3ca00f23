/// Carries a progress callback (进度) into a file's rows that are rendered later, when the run
/// folder is written: the rows are rendered on the thread that writes the folder, one caller at
/// a time, so the callback needs no locking.
final class ProgressRelay: @unchecked Sendable {
    private let progress: ((Int) -> Void)?

    /// Relays `progress` (nothing when `nil`).
    init(_ progress: ((Int) -> Void)?) { self.progress = progress }

    /// Tells the callback `count`, or `nil` when there is none (callers skip the call).
    var tell: ((Int) -> Void)? { progress }
}
