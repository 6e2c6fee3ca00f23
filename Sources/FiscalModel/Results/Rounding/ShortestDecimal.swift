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
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        var position = 0
        Self.withShortestText(value.magnitude) { text in
            // `text` is Swift's `description` of a finite non-negative value: `123.45`, `1e-05`, `1.5e+20`.
            var exponent = 0, integerDigits = -1, index = 0
            while index < text.count {
                let byte = text[index]
                if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    var sign = 1, magnitude = 0
                    for next in text[(index + 1)...] {
                        if next == UInt8(ascii: "-") { sign = -1 } else if next >= 48 && next <= 57 { magnitude = magnitude * 10 + Int(next - 48) }
                    }
                    exponent = sign * magnitude
                    break
                }
                if byte == UInt8(ascii: ".") {
                    integerDigits = digits.count
                } else if byte != 48 || !digits.isEmpty {
                    digits.append(byte - 48)
                } else if integerDigits >= 0 {
                    position -= 1 // a zero between the point and the first significant digit
                }
                index += 1
            }
            // Whole digits before the point, leading zeros dropped (none with a point inside them).
            let wholeDigits = integerDigits >= 0 ? integerDigits : digits.count
            position += wholeDigits + exponent
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        self.digits = digits
        pointPosition = digits.isEmpty ? 0 : position
        if digits.isEmpty { isNegative = false }
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
