/// The outcome of one check of a pinned test file: an expectation or an expected error.
public struct PinCheck: Sendable {
    /// The test file.
    public var file: String
    /// The line of the expected value (or of `expectError`).
    public var line: Int
    /// Whether the check passed.
    public var passed: Bool
    /// What was checked, e.g. `units {variant: reform, unit: zhonghua, year: 2026} column rebate`.
    public var subject: String
    /// For a failure: what was expected, what was found and the difference.
    public var problem: String?
    /// For a value that moved: the rewrite `--update` makes.
    var edit: PinEdit?

    /// `FILE:LINE: SUBJECT: PROBLEM` — one line per failing expectation.
    public var failureLine: String {
        "\(file):\(line): \(subject): \(problem ?? "failed")"
    }

    /// Whether `--update` can make this check pass by rewriting the expected value.
    public var isUpdatable: Bool { edit != nil }
}
