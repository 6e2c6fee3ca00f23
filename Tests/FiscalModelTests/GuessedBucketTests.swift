import FiscalModel
import Testing

/// Bucket selection over a guessed layout (`BucketSelection.findGuessed`,
/// `RowStatistics.compute(_:count:guess:…)`): the guess may decide the time, never a bit.
@Suite("Guessed bucket layout")
struct GuessedBucketTests {
    /// The shapes of rows a Monte Carlo run selects: smooth, tied at a floor and a cap (an
    /// increment at zero, a rebate at its cap), one value throughout, a few distinct values.
    static func row(_ shape: Int, count n: Int, using generator: inout SplitMix64) -> [Double] {
        switch shape {
        case 0: return (0..<n).map { _ in 1000 * (1 + 0.05 * Double.random(in: -3..<3, using: &generator)) }
        case 1: return (0..<n).map { _ in max(0, Double.random(in: -40..<100, using: &generator)) }
        case 2: return (0..<n).map { _ in min(1500, Double.random(in: 1000..<1700, using: &generator)) }
        case 3: return Array(repeating: 12.5, count: n)
        default: return (0..<n).map { _ in Double(Int.random(in: 0..<4, using: &generator)) * 0.1 }
        }
    }

    /// Guesses from exact to useless: the row's own range, shifted, far too wide, far too
    /// narrow, wholly below, wholly above, a single value, none, wider than any Double.
    static func guesses(for values: [Double]) -> [(low: Double, high: Double)?] {
        let (low, high) = (values.min()!, values.max()!)
        let width = max(high - low, 1)
        return [
            (low, high), (low + 0.2 * width, high + 0.2 * width), (low - 10 * width, high + 10 * width),
            (low + 0.45 * width, low + 0.55 * width), (low - 3 * width, low - 2 * width),
            (high + 2 * width, high + 3 * width), (low, low), nil,
            (-.greatestFiniteMagnitude, .greatestFiniteMagnitude), (-.infinity, .infinity),
        ]
    }

    @Test func theStatisticsAreTheSelectionsBitsWhateverTheGuess() {
        var guessedAndFound = 0
        for seed in UInt64(2400)..<UInt64(2440) {
            var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
            let n = [256, 300, 2000, 2001, 100][Int(seed % 5)]
            let values = Self.row(Int(seed / 5 % 5), count: n, using: &generator)
            let need = 40.0
            let expected = statistics(values) { v, s, o in
                RowStatistics.compute(
                    v, count: n, scratch: s, into: o, also: o + 6, transform: .minus(need), also: o + 12,
                    transform: .dividedBy(need))
            }
            for (g, guess) in Self.guesses(for: values).enumerated() {
                var range = (minimum: Double.nan, maximum: Double.nan)
                let got = statistics(values) { v, s, o in
                    range = RowStatistics.compute(
                        v, count: n, guess: guess, scratch: s, into: o, also: o + 6, transform: .minus(need),
                        also: o + 12, transform: .dividedBy(need))
                }
                #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "seed \(seed), guess \(g): the selection's bits")
                #expect(range.minimum == values.min()! && range.maximum == values.max()!, "seed \(seed), guess \(g): range")
                if g == 0, n >= 256, values.min()! < values.max()!, found(values, guess: guess!) { guessedAndFound += 1 }
            }
        }
        // The one-pass path is taken (not only its fallbacks): with its own range as the guess,
        // every smooth or floored row of 256 paths or more is found in the first pass.
        #expect(guessedAndFound >= 12)
    }

    @Test func aGuessThatMissesTheWantedPositionsIsDeclinedAfterTheRangeAndSum() {
        var generator = SplitMix64(seed: 2450, offset: SplitMix64.gamma)
        let values = Self.row(0, count: 2000, using: &generator)
        let low = values.min()!, high = values.max()!
        #expect(found(values, guess: (low, high)), "its own range finds every position")
        #expect(!found(values, guess: (high + 1, high + 2)), "every value in the bucket below the guess")
        #expect(!found(values, guess: (low - 2, low - 1)), "every value in the bucket above the guess")
        // Declined or not, the range and sum are those of `rangeAndSum`, bit for bit.
        let pass = guessed(values, guess: (high + 1, high + 2))
        let reference = values.withUnsafeBufferPointer { RowStatistics.rangeAndSum($0.baseAddress!, count: 2000) }
        #expect(pass.range.minimum == reference.0 && pass.range.maximum == reference.1)
        #expect(pass.range.sum.bitPattern == reference.2.bitPattern)
    }

    /// `body(values, scratch, out)`'s 18 statistics (values, gap, ratio).
    private func statistics(
        _ values: [Double],
        _ body: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        var scratch = [Double](repeating: 0, count: RowStatistics.scratchCount(paths: values.count))
        var out = [Double](repeating: .nan, count: 18)
        values.withUnsafeBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                out.withUnsafeMutableBufferPointer { body(v.baseAddress!, s.baseAddress!, $0.baseAddress!) }
            }
        }
        return out
    }

    private func found(_ values: [Double], guess: (low: Double, high: Double)) -> Bool {
        guessed(values, guess: guess).found
    }

    /// `findGuessed` for the ten positions of the five levels.
    private func guessed(_ values: [Double], guess: (low: Double, high: Double)) -> (range: RowStatistics.RowRange, found: Bool) {
        let n = values.count
        let orders = Quantiles.levels.flatMap { q -> [Int] in
            let position = Quantiles.position(of: q, count: n)
            return [position.lower, position.upper]
        }
        var results = [Double](repeating: .nan, count: 10)
        var scratch = [Double](repeating: 0, count: RowStatistics.scratchCount(paths: n))
        return values.withUnsafeBufferPointer { v in
            orders.withUnsafeBufferPointer { o in
                results.withUnsafeMutableBufferPointer { r in
                    scratch.withUnsafeMutableBufferPointer { s in
                        let counts = UnsafeMutableRawPointer(s.baseAddress! + 3 * n).assumingMemoryBound(to: Int32.self)
                        return BucketSelection.findGuessed(
                            v.baseAddress!, count: n, low: guess.low, high: guess.high, orders: o.baseAddress!,
                            orderCount: 10, results: r.baseAddress!, scratch: s.baseAddress!, counts: counts)
                    }
                }
            }
        }
    }
}
