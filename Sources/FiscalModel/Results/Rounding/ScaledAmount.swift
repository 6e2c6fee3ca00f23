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
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumTextLength) { buffer in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<write(to: buffer.baseAddress!)]))
        }
    }

    /// The most bytes `write(to:)` writes: a sign, 39 digits and the point, or the precision's
    /// decimals with a whole digit, point and sign.
    public var maximumTextLength: Int { Swift.max(41, precision + 3) }

    /// Writes `text`'s UTF-8 bytes at `destination`, which has room for `maximumTextLength`
    /// bytes, and returns how many it wrote: the sign, then the whole digits (at least one),
    /// the point and `precision` decimals written backwards, two digits per division.
    public func write(to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let zero = UInt8(ascii: "0")
        let sign = units < 0 ? 1 : 0
        guard precision < 39, let magnitude = UInt64(exactly: units.magnitude) else {
            var digits = Array(String(units.magnitude).utf8)
            if digits.count <= precision { digits.insert(contentsOf: repeatElement(zero, count: precision - digits.count + 1), at: 0) }
            if precision > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - precision) }
            if sign == 1 { destination[0] = UInt8(ascii: "-") }
            for (k, byte) in digits.enumerated() { destination[sign + k] = byte }
            return sign + digits.count
        }
        var digitCount = 1, power: UInt64 = 10
        while digitCount < 20 && magnitude >= power {
            digitCount += 1
            power &*= 10
        }
        let length = sign + Swift.max(digitCount - precision, 1) + (precision > 0 ? precision + 1 : 0)
        if sign == 1 { destination[0] = UInt8(ascii: "-") }
        var position = length, rest = magnitude
        func pair() {
            let (quotient, digits) = rest.quotientAndRemainder(dividingBy: 100)
            destination[position - 1] = zero + UInt8(truncatingIfNeeded: digits % 10)
            destination[position - 2] = zero + UInt8(truncatingIfNeeded: digits / 10)
            position -= 2
            rest = quotient
        }
        func single() {
            position -= 1
            destination[position] = zero + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        if precision > 0 {
            for _ in 0..<(precision / 2) { pair() }
            if precision % 2 == 1 { single() }
            position -= 1
            destination[position] = UInt8(ascii: ".")
        }
        while rest >= 100 { pair() }
        if rest >= 10 { pair() } else { single() }
        return length
    }

    /// The nearest Double.
    public var doubleValue: Double {
        var scale = 1.0
        for _ in 0..<precision { scale *= 10 }
        return Double(units) / scale
    }
}
