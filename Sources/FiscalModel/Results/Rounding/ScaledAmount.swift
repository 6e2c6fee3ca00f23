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

    /// Zero at precision 0 (adds to any precision).
    public static var zero: ScaledAmount { ScaledAmount(units: 0, precision: 0) }

    /// Sum; both operands share a precision (or one is `.zero`).
    public static func + (lhs: ScaledAmount, rhs: ScaledAmount) -> ScaledAmount {
        ScaledAmount(units: lhs.units + rhs.units, precision: max(lhs.precision, rhs.precision))
    }

    /// Difference; both operands share a precision (or one is `.zero`).
    public static func - (lhs: ScaledAmount, rhs: ScaledAmount) -> ScaledAmount {
        ScaledAmount(units: lhs.units - rhs.units, precision: max(lhs.precision, rhs.precision))
    }

    /// Orders by value.
    public static func < (lhs: ScaledAmount, rhs: ScaledAmount) -> Bool { lhs.units < rhs.units }

    /// Plain decimal text: `-` sign, digits, `.` and exactly `precision` decimals; no `-0.00`.
    public var text: String {
        let negative = units < 0
        var digits = String(negative ? -units : units)
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
