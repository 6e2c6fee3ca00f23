/// The shortest decimal that reads back as the same Double (what Swift's `description` and
/// Python's `repr` print), as sign, digits and exponent: value = ±0.d₁d₂…dₙ × 10^`pointPosition`.
///
/// model.md §13 rounds this decimal, not the binary value, so 2.675 at precision 2 is 2.68 under
/// half-up even though the nearest Double is 2.67499999….
public struct ShortestDecimal: Sendable, Equatable {
    /// Whether the value is negative.
    public var isNegative: Bool
    /// Significant digits (0…9), no leading or trailing zeros; empty for zero.
    public var digits: [UInt8]
    /// Position of the decimal point relative to the first digit.
    public var pointPosition: Int

    /// Decomposes `value`. Never traps: NaN reads as 0 and ±infinity as ±`Double.greatestFiniteMagnitude`
    /// (a run stops before writing either, see `ProjectionGuard`; this only keeps formatting total).
    public init(_ value: Double) {
        let value = value.isNaN ? 0 : value.isInfinite ? (value < 0 ? -1 : 1) * Double.greatestFiniteMagnitude : value
        isNegative = value < 0
        var text = Array(value.magnitude.description.utf8)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
            text.removeSubrange(e...)
        }
        let point = text.firstIndex(of: UInt8(ascii: ".")) ?? text.count
        let integerDigits = point
        var all = text.filter { $0 != UInt8(ascii: ".") }.map { $0 - UInt8(ascii: "0") }
        var position = integerDigits + exponent
        while let first = all.first, first == 0 {
            all.removeFirst()
            position -= 1
        }
        while let last = all.last, last == 0 { all.removeLast() }
        digits = all
        pointPosition = all.isEmpty ? 0 : position
        if all.isEmpty { isNegative = false }
    }

    /// Splits |value| at `precision` decimals into the integer count of 10^-precision below it
    /// (`whole`, saturating at `ScaledAmount.maximumUnits` for values too large to count) and the
    /// remaining digits (`fraction`, the digits after that position).
    func split(at precision: Int) -> (whole: Int128, fraction: ArraySlice<UInt8>) {
        let cut = pointPosition + precision
        var whole: Int128 = 0
        for index in 0..<max(cut, 0) {
            let (shifted, overflow) = whole.multipliedReportingOverflow(by: 10)
            let next = shifted.addingReportingOverflow(Int128(index < digits.count ? digits[index] : 0))
            if overflow || next.overflow || next.partialValue > ScaledAmount.maximumUnits {
                whole = ScaledAmount.maximumUnits
                break
            }
            whole = next.partialValue
        }
        let fraction = cut >= digits.count ? [] : digits[max(cut, 0)...]
        if cut < 0 {
            // Leading zeros after the cut precede the digits.
            return (whole, ArraySlice(Array(repeating: 0, count: -cut) + digits))
        }
        return (whole, fraction)
    }
}

extension ShortestDecimal {
    /// The decimal rounded half-up to at most `count` significant digits (trailing zeros dropped):
    /// what `NumberText.display` shows a person (`0.30000000000000004` → `0.3`).
    func significant(_ count: Int) -> ShortestDecimal {
        guard digits.count > count else { return self }
        var result = self
        var kept = Array(digits[..<count])
        if digits[count] >= 5 {
            var index = count - 1
            while index >= 0 && kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 {
                kept[index] += 1
            } else {
                kept.insert(1, at: 0)
                kept.removeLast()
                result.pointPosition += 1
            }
        }
        while let last = kept.last, last == 0 { kept.removeLast() }
        result.digits = kept
        return result
    }
}
