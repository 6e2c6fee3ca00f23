import FiscalModel

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

extension InputError: ToolError {
    /// Invalid input: exit 2.
    public var exitStatus: ExitStatus { .invalidInput }
    /// One diagnostic per line, each naming its file and position.
    public var report: String { description }
}

extension ProjectionLimitViolation: ToolError {}
