/// A Monte Carlo run stopped on request before it finished (the what-if page's cancel button,
/// model.md §21): nothing was rendered.
public struct RunStopped: Error, Sendable {
    /// The stop.
    public init() {}
}
