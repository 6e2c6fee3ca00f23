import FiscalModel

/// The exit statuses of `fiscal-sim` (SPEC §12, 退出码): 0 success, 1 anything else, 2 invalid
/// input or usage.
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// A failure that is not the user's input (a computed value beyond the limits, writing).
    case failure = 1
    /// Invalid input or usage: nothing was written.
    case invalidInput = 2
}

/// An error that carries how the tool reports it: its exit status and the text on standard
/// error — as an HTTP server's error carries its response status. `ErrorReport` renders every
/// error, conforming or not, in one place.
public protocol ToolError: Error, CustomStringConvertible {
    /// The status the tool exits with (default: 1, failure).
    var exitStatus: ExitStatus { get }
    /// The lines on standard error (default: `error: ` and the description).
    var report: String { get }
}

extension ToolError {
    /// A failure (exit 1).
    public var exitStatus: ExitStatus { .failure }
    /// `error: ` and the description.
    public var report: String { "error: \(description)" }
}

/// How the tool reports an error: the one place `fiscal-sim` and the pinned tests render one.
public struct ErrorReport: Sendable {
    /// The lines on standard error.
    public let text: String
    /// The exit status.
    public let status: ExitStatus

    /// The report of `error`: its own for a `ToolError`, otherwise `error: ` and its description
    /// with exit 1.
    public init(_ error: any Error) {
        if let error = error as? any ToolError {
            (text, status) = (error.report, error.exitStatus)
        } else {
            (text, status) = ("error: \(error)", .failure)
        }
    }
}

extension InputError: ToolError {
    /// Invalid input: exit 2.
    public var exitStatus: ExitStatus { .invalidInput }
    /// One diagnostic per line, each naming its file and position.
    public var report: String { description }
}

extension ProjectionLimitViolation: ToolError {}
