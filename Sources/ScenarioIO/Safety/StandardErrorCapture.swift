import Foundation

/// Catches what a C library prints on standard error (libxlsxwriter's `[ERROR][./src/packager.c…]`
/// lines) while it works, so the tool can explain it in its own error message instead of
/// leaving an unexplained line on the planner's screen (issue 23). Standard error is redirected
/// (descriptor 2) into a file in the run's work folder until `finish`.
///
/// Redirecting descriptor 2 affects every thread, so it is done only where nothing else prints
/// meanwhile: the command-line tool turns it on (`enable()`); elsewhere (tests, other users of
/// the library) libxlsxwriter's line passes through and the error message refers to it.
public final class StandardErrorCapture {
    private let file: URL
    private var saved: Int32 = -1

    private nonisolated(unsafe) static var enabled = false
    private static let lock = NSLock()

    /// Lets workbook writes capture standard error (the command-line tool, single-threaded
    /// while it writes its folder).
    public static func enable() {
        lock.lock()
        enabled = true
        lock.unlock()
    }

    /// Whether captures redirect standard error.
    static var isEnabled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return enabled
    }

    /// Starts redirecting standard error into `file` (or, if it cannot be created, nowhere),
    /// if captures are enabled.
    init(into file: URL) {
        self.file = file
        guard Self.isEnabled else { return }
        fflush(nil)
        saved = dup(STDERR_FILENO)
        var target = open(file.path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if target < 0 { target = open("/dev/null", O_WRONLY | O_CLOEXEC) }
        if saved >= 0, target >= 0 { dup2(target, STDERR_FILENO) }
        if target >= 0 { close(target) }
    }

    deinit { _ = finish() }

    /// Restores standard error and returns what was printed meanwhile (trimmed; empty if
    /// nothing), removing the file. Later calls, and calls without capturing, return "".
    func finish() -> String {
        guard saved >= 0 else { return "" }
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        saved = -1
        let data = (try? Data(contentsOf: file)) ?? Data()
        unlink(file.path)
        return String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
