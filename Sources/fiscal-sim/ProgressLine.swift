import Foundation

/// Progress of a long run on standard error: shown only on a terminal, only once the run has
/// taken about two seconds, rewritten in place, and cleared at the end.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private let unit: String
    private let start = Date()
    private var shown = false
    /// When the line was last written: it is rewritten at most a few times a second.
    private var written = Date.distantPast

    /// A progress line; with `enabled` false it prints nothing.
    init(enabled: Bool, label: String, unit: String = "year") {
        self.enabled = enabled
        self.label = label
        self.unit = unit
    }

    /// Reports `done` of `total` projected years (or points: `unit`).
    func update(_ done: Int, of total: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed >= 2 || shown else { return }
        let now = Date()
        guard now.timeIntervalSince(written) >= 0.25 || done >= total else { return }
        written = now
        shown = true
        let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let text = String(format: "\r%@: %@ %d of %d, %.0f s elapsed, about %.0f s left ", label, unit, done, total,
                          elapsed, remaining)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Runs `body` with an update function for this line, then clears the line (also when
    /// `body` throws).
    func tracking<T>(_ body: (@escaping @Sendable (Int, Int) -> Void) throws -> T) rethrows -> T {
        defer { finish() }
        return try body { [self] done, total in update(done, of: total) }
    }

    /// Clears the line if it was shown.
    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 72) + "\r").utf8))
    }
}
