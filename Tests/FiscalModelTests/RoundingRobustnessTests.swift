import FiscalModel
import Testing

/// Issue 14, item 2: rounding and the largest-remainder split never trap and never spin, on any
/// Double (the reported overflow in `ShortestDecimal.split` and the minutes-long fee split).
@Suite("Robustness: rounding on any Double")
struct RoundingRobustnessTests {
    static let special: [Double] = [
        .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
        .leastNormalMagnitude, -0.0, 1e300, -1e300, 1e38, 1.7e38, 1e40, 9.999999999999999e22, 1e26, 2.675, 0.005,
    ]

    static func roundings() -> [MoneyRounding] {
        (0...10).flatMap { p in RoundingRule.allCases.map { MoneyRounding(precision: p, rule: $0) } }
    }

    @Test func specialValuesRoundAndSplitWithoutTrapping() {
        for rounding in Self.roundings() {
            for value in Self.special {
                let text = rounding.text(value)
                #expect(!text.isEmpty && !text.contains("e") && !text.contains("n"), "\(value) at \(rounding.precision): \(text)")
                let parts = rounding.split(whole: value, parts: [value / 3, value / 3, value / 3, 0])
                #expect(parts.count == 4)
            }
        }
    }

    @Test func bitPatternsNeverTrap() {
        let seed: UInt64 = 1414
        var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        for _ in 0..<3000 {
            let value = Double(bitPattern: generator.next())
            let rounding = MoneyRounding(precision: Int(generator.next() % 11), rule: generator.next() % 2 == 0 ? .halfUp : .halfEven)
            _ = rounding.text(value)
            _ = rounding.split(whole: value, parts: [value, -value / 7, Double(bitPattern: generator.next())])
        }
    }

    /// Values beyond what a count of 10^-precision can hold saturate at ±(10^38 − 1) units.
    @Test func hugeValuesSaturate() {
        let rounding = MoneyRounding(precision: 2, rule: .halfUp)
        #expect(rounding.round(1e300).units == ScaledAmount.maximumUnits)
        #expect(rounding.round(-1e300).units == -ScaledAmount.maximumUnits)
        #expect(rounding.round(.nan).units == 0)
        #expect(rounding.text(1e20) == "100000000000000000000.00")
        #expect((ScaledAmount(units: ScaledAmount.maximumUnits, precision: 2) + ScaledAmount(units: 5, precision: 2)).units == ScaledAmount.maximumUnits)
    }

    /// A pool whose parts lose many cents to floating point is split at once, conserving the whole:
    /// the 1e26 fee cell used to add the missing units one at a time (about 1e12 steps).
    @Test func hugeShortfallIsDistributedInWholeRoundsAndConserves() {
        let rounding = MoneyRounding(precision: 2, rule: .halfUp)
        let whole = 1e26
        let parts = [whole * 0.3, whole * 0.3, whole * 0.4 * (1 - 1e-12)]
        let split = rounding.split(whole: whole, parts: parts)
        #expect(split.reduce(ScaledAmount.zero, +) == rounding.round(whole))
        // Distributed round the remainder order: the parts differ from their floors by at most one unit plus an even share.
        let floors = parts.map { rounding.round($0).units }
        #expect(zip(split, floors).allSatisfy { $0.units >= $1 - 1 })
        // Overshooting parts give back, and the sum still matches.
        let over = rounding.split(whole: 1, parts: [1e20, 1e20])
        #expect(over.reduce(ScaledAmount.zero, +) == rounding.round(1))
    }

    /// The whole-round distribution is the one-at-a-time rule: small shortfalls are unchanged.
    @Test func smallShortfallFollowsLargestRemainders() {
        let rounding = MoneyRounding(precision: 2, rule: .halfUp)
        #expect(rounding.split(whole: 0.02, parts: [0.015, 0.005]).map(\.units) == [2, 0])
        #expect(rounding.split(whole: 1, parts: [0.333, 0.333, 0.334]).map(\.units) == [33, 33, 34])
        #expect(rounding.split(whole: 0.05, parts: [0.001, 0.001, 0.001]).map(\.units) == [2, 2, 1])
    }
}
