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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`'s UTF-8 bytes to `bytes` (no intermediate `String`; issue 22).
    public func append(to bytes: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        guard precision < 39, let magnitude = UInt64(exactly: units.magnitude) else {
            var digits = Array(String(units.magnitude).utf8)
            if digits.count <= precision { digits.insert(contentsOf: repeatElement(zero, count: precision - digits.count + 1), at: 0) }
            if precision > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - precision) }
            bytes.append(contentsOf: digits)
            return
        }
        // The `precision` decimals, the point and the whole digits (at least one), written
        // backwards two digits per division into a 48-byte buffer on the stack, then appended at once.
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var position = raw.count, rest = magnitude
            func pair() {
                let (quotient, digits) = rest.quotientAndRemainder(dividingBy: 100)
                raw[position - 1] = zero + UInt8(truncatingIfNeeded: digits % 10)
                raw[position - 2] = zero + UInt8(truncatingIfNeeded: digits / 10)
                position -= 2
                rest = quotient
            }
            func single() {
                position -= 1
                raw[position] = zero + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            if precision > 0 {
                for _ in 0..<(precision / 2) { pair() }
                if precision % 2 == 1 { single() }
                position -= 1
                raw[position] = UInt8(ascii: ".")
            }
            while rest >= 100 { pair() }
            if rest >= 10 { pair() } else { single() }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// The nearest Double.
    public var doubleValue: Double {
        var scale = 1.0
        for _ in 0..<precision { scale *= 10 }
        return Double(units) / scale
    }
}
