/// A pinned test file (`fiscal-sim test`): cases that run a scenario and compare cells of its
/// output tables with approved values, or expect the scenario to be rejected.
public struct PinFile: Sendable {
    /// The file as the user named it (diagnostics and failures name it so).
    public var path: String
    /// The file's text (as read, without a byte-order mark), kept for `--update`.
    var text: String
    /// The cases, in file order.
    public var cases: [PinCase]

    /// Number of checks in the file: each expectation and each expected error counts once.
    public var checkCount: Int { cases.reduce(0) { $0 + $1.checkCount } }
}

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

/// One pinned cell: the row of `table` whose key columns hold `key`, its `column`, and the
/// expected value within a tolerance.
public struct PinExpectation: Sendable {
    /// The table name; the run's file `<table>.csv` is read (`units`, `districts`,
    /// `comparison`, `units_quantiles`, …).
    public var table: String
    /// Key columns and their values, in the order written (a default `variant` appended).
    public var key: [(column: String, value: String)]
    /// The column compared.
    public var column: String
    /// The approved value.
    public var expected: PinValue
    /// How far the actual value may be from the expected one.
    public var tolerance: PinTolerance
    /// Where the expected value is written (what `--update` rewrites).
    var valuePosition: SourcePosition

    /// `{variant: reform, unit: zhonghua, year: 2026}` — the key as the test file writes it.
    public var keyDescription: String {
        "{" + key.map { "\($0.column): \($0.value)" }.joined(separator: ", ") + "}"
    }
}
