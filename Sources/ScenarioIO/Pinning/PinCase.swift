/// One case of a pinned test file: a scenario, optional inline overrides, and what to expect.
public struct PinCase: Sendable {
    /// What the case expects.
    public enum Outcome: Sendable {
        /// The run's tables hold these values.
        case tables([PinExpectation])
        /// Loading the scenario fails with a message containing this text.
        case error(String, at: SourcePosition)
    }

    /// The case's `name`, if given.
    public var name: String?
    /// Where the case starts in the test file.
    var position: SourcePosition
    /// The scenario path as written in the test file.
    public var scenarioAsWritten: String
    /// The scenario path resolved against the test file's folder.
    public var scenarioPath: String
    /// The inline `set` overrides, applied in order (the file's, then the case's).
    var overrides: ScenarioOverrides
    /// Identifies the scenario and the `set` mappings applied, so that cases sharing both (cases
    /// without `set`, or inheriting the same top-level `set`) run it only once.
    var runKey: String
    /// Expectations or an expected error.
    public var outcome: Outcome
    /// The command run (`command:`; default `run`).
    var command: PinCommand = .run
    /// The command's `--variant` (sweep and solve).
    var variant: String?

    /// Number of checks in the case.
    public var checkCount: Int {
        switch outcome {
        case .tables(let expectations): return expectations.count
        case .error: return 1
        }
    }
}
