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
