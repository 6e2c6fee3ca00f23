/// The shortest decimal that reads back as the same Double (what Swift's `description` and
/// Python's `repr` print), as sign, digits and exponent: value = ±0.d₁d₂…dₙ × 10^`pointPosition`.
///
/// model.md §13 rounds this decimal, not the binary value, so 2.675 at precision 2 is 2.68 under
/// half-up even though the nearest Double is 2.67499999…. The digits are held as one integer
/// (`significand`, at most 17 digits), so a cell costs no heap allocation (issue 22).
public struct ShortestDecimal: Sendable, Equatable {
    /// Whether the value is negative.
    public var isNegative: Bool
    /// The significant digits d₁…dₙ read as one integer (no trailing zeros; 0 for zero).
    public var significand: UInt64
    /// n, the number of significant digits (0 for zero).
    public var digitCount: Int
    /// Position of the decimal point relative to the first digit.
    public var pointPosition: Int

    /// Significant digits (0…9), no leading or trailing zeros; empty for zero.
    public var digits: [UInt8] {
        var digits = [UInt8](repeating: 0, count: digitCount)
        var rest = significand
        for index in stride(from: digitCount - 1, through: 0, by: -1) {
            digits[index] = UInt8(rest % 10)
            rest /= 10
        }
        return digits
    }

    /// The decimal ±0.`digits` × 10^`pointPosition` (`digits` without leading or trailing zeros,
    /// at most 19 of them).
    init(isNegative: Bool, digits: [UInt8], pointPosition: Int) {
        self.isNegative = digits.isEmpty ? false : isNegative
        significand = digits.reduce(0) { $0 * 10 + UInt64($1) }
        digitCount = digits.count
        self.pointPosition = digits.isEmpty ? 0 : pointPosition
    }

    /// Decomposes `value`. Never traps: NaN reads as 0 and ±infinity as ±`Double.greatestFiniteMagnitude`
    /// (a run stops before writing either, see `ProjectionGuard`; this only keeps formatting total).
    public init(_ value: Double) {
        let value = value.isNaN ? 0 : value.isInfinite ? (value < 0 ? -1 : 1) * Double.greatestFiniteMagnitude : value
        var significand: UInt64 = 0, count = 0, position = 0
        Self.withShortestText(value.magnitude) { text in
            // `text` is Swift's `description` of a finite non-negative value: `123.45`, `1e-05`,
            // `1.5e+20`; at most 17 significant digits and a trailing `.0`, so 19 digits fit.
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
                    integerDigits = count
                } else if byte != 48 || count > 0 {
                    significand = significand * 10 + UInt64(byte - 48)
                    count += 1
                } else if integerDigits >= 0 {
                    position -= 1 // a zero between the point and the first significant digit
                }
                index += 1
            }
            // Whole digits before the point, leading zeros dropped (none with a point inside them).
            let wholeDigits = integerDigits >= 0 ? integerDigits : count
            position += wholeDigits + exponent
        }
        while count > 0 && significand % 10 == 0 {
            significand /= 10
            count -= 1
        }
        self.significand = significand
        digitCount = count
        pointPosition = count == 0 ? 0 : position
        isNegative = count > 0 && value < 0
    }

    /// Splits |value| at `precision` decimals into the integer count of 10^-precision below it
    /// (`whole`, saturating at `ScaledAmount.maximumUnits` for values too large to count) and the
    /// remaining digits (`fraction`, the digits after that position).
    func split(at precision: Int) -> (whole: Int128, fraction: ArraySlice<UInt8>) {
        let digits = self.digits
        let cut = pointPosition + precision
        let fraction = cut >= digits.count ? [] : digits[max(cut, 0)...]
        if cut < 0 {
            // Leading zeros after the cut precede the digits.
            return (0, ArraySlice(Array(repeating: 0, count: -cut) + digits))
        }
        return (cut >= digitCount ? wholeUnits(cut: cut) : Int128(significand / Self.powerOfTen(digitCount - cut)), fraction)
    }

    /// The digits as a count of 10^-(`cut` − n) for `cut` ≥ n, saturating at `ScaledAmount.maximumUnits`.
    func wholeUnits(cut: Int) -> Int128 {
        var whole = Int128(significand)
        for _ in 0..<(cut - digitCount) {
            let (shifted, overflow) = whole.multipliedReportingOverflow(by: 10)
            if overflow || shifted > ScaledAmount.maximumUnits { return ScaledAmount.maximumUnits }
            whole = shifted
        }
        return whole
    }

    /// 10^`exponent` for 0 ≤ `exponent` ≤ 19.
    static func powerOfTen(_ exponent: Int) -> UInt64 { powersOfTen[exponent] }

    /// 10^0 … 10^19, every power of ten a `UInt64` holds.
    private static let powersOfTen: [UInt64] = (0...19).map { exponent in
        (0..<exponent).reduce(1) { power, _ in power * 10 }
    }
}

extension ShortestDecimal {
    /// The decimal rounded half-up to at most `count` significant digits (trailing zeros dropped):
    /// what `NumberText.display` shows a person (`0.30000000000000004` → `0.3`).
    func significant(_ count: Int) -> ShortestDecimal {
        let digits = self.digits
        guard digits.count > count else { return self }
        var position = pointPosition
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
                position += 1
            }
        }
        while let last = kept.last, last == 0 { kept.removeLast() }
        return ShortestDecimal(isNegative: isNegative, digits: kept, pointPosition: position)
    }
}
