@testable import FiscalModel
import Foundation
import Testing
import TestSupport

/// Issue 22's fast rounding against the digit-list arithmetic it replaced: `round` (in floating
/// point where certain, else on the integer significand) against rounding the digit list of
/// `ShortestDecimal.split(at:)`, and `split` (floating-point remainders where certain, else
/// remainders as 38-decimal integers) against the digit-by-digit comparison, on money-like
/// values, half-unit ties, exact cents, equal parts, negative parts, tiny and huge magnitudes.
@Suite("Rounding's integer path against the digit lists")
struct RoundingFastPathTests {
    static let seed: UInt64 = 2222
    static let roundings = [0, 2, 4, 6].flatMap { precision in
        [MoneyRounding(precision: precision, rule: .halfUp), MoneyRounding(precision: precision, rule: .halfEven)]
    }

    /// `value` rounded from the digit list: the first dropped digit and whether any later one is non-zero.
    static func reference(_ value: Double, _ rounding: MoneyRounding) -> Int128 {
        let decimal = ShortestDecimal(value)
        let (whole, fraction) = decimal.split(at: rounding.precision)
        var magnitude = whole
        if let first = fraction.first {
            let rest = fraction.dropFirst().contains { $0 != 0 }
            let up = first > 5 || (first == 5 && (rest || rounding.rule == .halfUp || whole % 2 == 1))
            if up { magnitude += 1 }
        }
        return decimal.isNegative ? -magnitude : magnitude
    }

    /// A value drawn from one of several shapes: cents, half-unit ties, tiny, huge, any bit pattern.
    static func draw(_ generator: inout SplitMix64) -> Double {
        let bits = generator.next()
        let cents = Double(Int64(bitPattern: generator.next()) % 10_000_000_000_000)
        switch bits % 6 {
        case 0: return cents / 100
        case 1: return (cents * 10 + 5) / 1000
        case 2: return cents * 1e-9
        case 3: return cents * 1e-25
        case 4: return cents * 1e12
        default:
            let value = Double(bitPattern: generator.next())
            return value.isFinite ? value : 0
        }
    }

    @Test func roundMatchesTheDigitList() {
        var generator = SplitMix64(seed: Self.seed)
        var failures = 0
        for index in 0..<100_000 where failures < 5 {
            let value = Self.draw(&generator)
            for rounding in Self.roundings {
                let expected = max(min(Self.reference(value, rounding), ScaledAmount.maximumUnits), -ScaledAmount.maximumUnits)
                for (path, units) in [("round", rounding.round(value).units), ("exact", rounding.roundShortestDecimal(value).units)]
                where units != expected {
                    failures += 1
                    Issue.record("seed \(Self.seed), draw \(index): \(value) at \(rounding) by \(path) gave \(units), expected \(expected)")
                }
            }
        }
    }

    @Test func splitMatchesTheDigitByDigitComparison() {
        var generator = SplitMix64(seed: Self.seed &+ 1)
        var failures = 0
        for index in 0..<20_000 where failures < 5 {
            let count = Int(generator.next() % 6) + 1
            var parts = (0..<count).map { _ in Self.draw(&generator) / 7 }
            if generator.next() % 3 == 0 { parts[0] = -parts[0] }
            if generator.next() % 4 == 0 { parts.append(parts[0]) } // equal remainders: ties go to the earlier part
            if generator.next() % 4 == 0 { parts.append(parts[0] + 1) } // the same remainder one unit up
            if generator.next() % 5 == 0 { parts.append(0) }
            let whole = parts.reduce(0, +)
            guard whole.isFinite else { continue }
            for rounding in Self.roundings {
                let target = rounding.round(whole).units
                let expected = rounding.splitDigitByDigit(target: target, parts: parts)
                for (path, split) in [("split", rounding.split(whole: whole, parts: parts)), ("exact", rounding.splitExactly(target: target, parts: parts))]
                where split != expected {
                    failures += 1
                    Issue.record("seed \(Self.seed + 1), draw \(index): split of \(whole) into \(parts) at \(rounding) by \(path) gave \(split.map(\.units)), expected \(expected.map(\.units))")
                }
            }
        }
    }

    @Test func handComputedSplitsAndTinyParts() {
        let cents = MoneyRounding(precision: 2, rule: .halfUp)
        // 0.333 + 0.333 + 0.334 = 1.00: floors 33, 33, 33; the largest remainder (0.4) takes the cent.
        #expect(cents.split(whole: 1, parts: [0.333, 0.333, 0.334]).map(\.units) == [33, 33, 34])
        // −0.004 is −1 cent + 0.6: its remainder beats 10.004's 0.4.
        #expect(cents.split(whole: 10, parts: [10.004, -0.004]).map(\.units) == [1000, 0])
        // Parts below 10^-38 of a cent take the digit-by-digit path and still add up.
        let tiny = cents.split(whole: 0.01, parts: [1e-45, 0.01 - 1e-45, 2e-45])
        #expect(tiny.map(\.units) == [0, 1, 0])
    }
}

/// `ScaledAmount`'s text, written backwards two digits per division, against the text built from
/// `String(units)`: sign, whole digits (at least one), point, `precision` decimals.
@Suite("Amount text")
struct ScaledAmountTextTests {
    static func reference(_ amount: ScaledAmount) -> String {
        var digits = String(amount.units.magnitude)
        if digits.count <= amount.precision {
            digits = String(repeating: "0", count: amount.precision - digits.count + 1) + digits
        }
        if amount.precision > 0 { digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -amount.precision)) }
        return (amount.units < 0 ? "-" : "") + digits
    }

    @Test func textAgreesWithTheDigitsOfTheUnits() {
        let seed: UInt64 = 2224
        var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        for draw in 0..<200_000 {
            let bits = generator.next()
            let magnitude: Int128 = switch bits % 5 {
            case 0: Int128(bits >> 60)  // 0 … 15: leading zeros after the point
            case 1: Int128(bits >> 40)
            case 2: Int128(bits >> 1)
            case 3: Int128(UInt64.max) - Int128(bits >> 62)  // the largest that take the fast path
            default: Int128(bits) * Int128(bits >> 20) + 1  // beyond UInt64: the String path
            }
            let precision = Int(generator.next() % 13)
            let amount = ScaledAmount(units: generator.next() % 2 == 0 ? magnitude : -magnitude, precision: precision)
            #expect(amount.text == Self.reference(amount), "seed \(seed), draw \(draw): \(amount.units) at \(precision)")
            if amount.text != Self.reference(amount) { return }
        }
    }
}
