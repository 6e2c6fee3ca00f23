/// The exit statuses of `fiscal-sim` (model.md §12, 退出码): 0 success, 1 anything else, 2 invalid
/// input or usage.
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// A failure that is not the user's input (a computed value beyond the limits, writing).
    case failure = 1
    /// Invalid input or usage: nothing was written.
    case invalidInput = 2
}
