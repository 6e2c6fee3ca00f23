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
