/// A decimal amount held exactly as an integer count of 10^-precision (e.g. fen at precision 2),
/// the form money takes once rounded for output.
public struct ScaledAmount: Sendable, Equatable, Comparable, AdditiveArithmetic {
    /// The amount in units of 10^-precision.
    public var units: Int128
    /// Number of decimals.
    public var precision: Int

    /// Creates an amount of `units` × 10^-`precision`.
    public init(units: Int128, precision: Int) {
        self.units = units
        self.precision = precision
    }

    /// The largest magnitude held (10^38 − 1 units); rounding and sums saturate there instead of
    /// trapping. Real amounts stay far below it: a run stops at |x| > 1e15 (model.md §19).
    public static let maximumUnits: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999_999

    /// `units` clamped to ±`maximumUnits`.
    static func saturated(_ units: Int128) -> Int128 { min(max(units, -maximumUnits), maximumUnits) }

    /// `a + b` clamped to ±`maximumUnits` (never traps for operands within that range).
    static func add(_ a: Int128, _ b: Int128) -> Int128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (a < 0 ? -maximumUnits : maximumUnits) : saturated(sum)
    }

    /// Zero at precision 0 (adds to any precision).
    public static var zero: ScaledAmount { ScaledAmount(units: 0, precision: 0) }

    /// Sum (saturating at ±`maximumUnits`); both operands share a precision (or one is `.zero`).
    public static func + (lhs: ScaledAmount, rhs: ScaledAmount) -> ScaledAmount {
        ScaledAmount(units: add(saturated(lhs.units), saturated(rhs.units)), precision: max(lhs.precision, rhs.precision))
    }

    /// Difference (saturating at ±`maximumUnits`); both operands share a precision (or one is `.zero`).
    public static func - (lhs: ScaledAmount, rhs: ScaledAmount) -> ScaledAmount {
        ScaledAmount(units: add(saturated(lhs.units), -saturated(rhs.units)), precision: max(lhs.precision, rhs.precision))
    }

    /// Orders by value.
    public static func < (lhs: ScaledAmount, rhs: ScaledAmount) -> Bool { lhs.units < rhs.units }

    /// Plain decimal text: `-` sign, digits, `.` and exactly `precision` decimals; no `-0.00`.
    public var text: String {
        let negative = units < 0
        var digits = String(units.magnitude)
        if precision > 0 {
            if digits.count <= precision {
                digits = String(repeating: "0", count: precision - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -precision))
        }
        return negative ? "-" + digits : digits
    }

    /// The nearest Double.
    public var doubleValue: Double {
        var scale = 1.0
        for _ in 0..<precision { scale *= 10 }
        return Double(units) / scale
    }
}
