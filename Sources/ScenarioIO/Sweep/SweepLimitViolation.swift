import FiscalModel

/// A sweep point whose projection reached model.md §19's computed-value limits: the sweep stops
/// (exit 1) naming the point, its values and the offending variant, place, year and column;
/// nothing is written. Sums over years or districts are not limited, only the yearly values.
public struct SweepLimitViolation: ToolError, Sendable {
    /// `point 3 (rebate.bands.0.rate=0.3)`.
    public var point: String
    /// What the point's run reached.
    public var violation: ProjectionLimitViolation

    /// `point 3 (…): reform unit 'xiagang' 2035 tax reached … — check …`.
    public var description: String { "\(point): \(violation)" }
}
