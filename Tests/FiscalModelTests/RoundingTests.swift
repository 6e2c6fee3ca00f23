import FiscalModel
import Testing

@Suite("Rounding of written money (model.md §9, §13)")
struct RoundingTests {
    static let halfUp = MoneyRounding(precision: 2, rule: .halfUp)
    static let halfEven = MoneyRounding(precision: 2, rule: .halfEven)

    @Test(arguments: [
        (2.675, "2.68", "2.68"),  // the Double is 2.67499…; its shortest decimal is 2.675
        (0.125, "0.13", "0.12"),
        (2.665, "2.67", "2.66"),
        (-2.675, "-2.68", "-2.68"),
        (-0.125, "-0.13", "-0.12"),
        (1.005, "1.01", "1.00"),
        (-0.001, "0.00", "0.00"),
        (0.0, "0.00", "0.00"),
        (-0.0, "0.00", "0.00"),
        (1e-7, "0.00", "0.00"),
        (0.995, "1.00", "1.00"),
        (123456789.125, "123456789.13", "123456789.12"),
        (1e20, "100000000000000000000.00", "100000000000000000000.00"),
        (0.1 + 0.2, "0.30", "0.30"),
    ])
    func roundsTheShortestDecimal(value: Double, up: String, even: String) {
        #expect(Self.halfUp.text(value) == up, "half-up \(value)")
        #expect(Self.halfEven.text(value) == even, "half-even \(value)")
    }

    @Test func precisionZeroHasNoDecimalPoint() {
        #expect(MoneyRounding(precision: 0, rule: .halfUp).text(2.5) == "3")
        #expect(MoneyRounding(precision: 0, rule: .halfEven).text(2.5) == "2")
        #expect(MoneyRounding(precision: 0, rule: .halfEven).text(3.5) == "4")
        #expect(MoneyRounding(precision: 6, rule: .halfUp).text(0.1234565) == "0.123457")
    }

    @Test func largestRemainderGivesTiesToTheEarlierPart() {
        // model.md §13: parts 0.015 and 0.005 at precision 2 give 0.02 and 0.00.
        let parts = Self.halfUp.split(whole: 0.02, parts: [0.015, 0.005]).map(\.text)
        #expect(parts == ["0.02", "0.00"])
        let tie = Self.halfUp.split(whole: 0.01, parts: [0.005, 0.005]).map(\.text)
        #expect(tie == ["0.01", "0.00"])
    }

    @Test func roundedPartsAddUpToTheRoundedWhole() {
        let third = 100.0 / 3
        let parts = Self.halfUp.split(whole: 100, parts: [third, third, 100 - 2 * third])
        #expect(parts.map(\.text) == ["33.34", "33.33", "33.33"])
        #expect(parts.reduce(.zero, +).text == "100.00")
    }

    @Test func negativeNoiseInAPartIsHandled() {
        let parts = Self.halfUp.split(whole: 10, parts: [10.004, -0.004])
        #expect(parts.map(\.text) == ["10.00", "0.00"])
    }

    @Test func splitsAddUpForManyRandomPools() {
        for seed in UInt64(0)..<300 {
            var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
            let count = Int.random(in: 1...12, using: &generator)
            let whole = Double.random(in: 0...10_000, using: &generator)
            var weights = (0..<count).map { _ in Double.random(in: 0...1, using: &generator) }
            let sum = weights.reduce(0, +)
            weights = weights.map { $0 / max(sum, 1e-300) }
            var parts = weights.dropLast().map { whole * $0 }
            parts.append(whole - parts.reduce(0, +))
            let rule: RoundingRule = seed % 2 == 0 ? .halfUp : .halfEven
            let rounding = MoneyRounding(precision: Int(seed % 4), rule: rule)
            let rounded = rounding.split(whole: whole, parts: parts)
            #expect(rounded.reduce(.zero, +) == rounding.round(whole), "seed \(seed): parts do not add up")
            for (part, value) in zip(rounded, parts) {
                #expect(abs(part.doubleValue - value) < 2 * pow10(-rounding.precision), "seed \(seed): part moved too far")
            }
        }
    }

    private func pow10(_ exponent: Int) -> Double { (0..<abs(exponent)).reduce(1.0) { r, _ in exponent < 0 ? r / 10 : r * 10 } }
}
