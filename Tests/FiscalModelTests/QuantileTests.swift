import Foundation
import FiscalModel
import Testing

/// The quantile definition of the Monte Carlo tables: NumPy's default ('linear').
@Suite("Quantiles (NumPy 'linear')")
struct QuantileTests {
    @Test func handComputedQuantiles() {
        // n = 4: h = 3q. q = 0.05 → 0.15 → 1 + 0.15·1; q = 0.25 → 0.75 → 1.75; median 2.5;
        // q = 0.75 → 2.25 → 3.25; q = 0.95 → 2.85 → 3.85.
        let four: [Double] = [4, 1, 3, 2]
        let expected: [Double] = [1.15, 1.75, 2.5, 3.25, 3.85]
        for (q, value) in zip(Quantiles.levels, expected) {
            expectAmount(Quantiles.linear(four, level: q), value, tolerance: 1e-12, "n = 4, q = \(q)")
        }
        // n = 5 (10, 20, 30, 40, 100): h = 4q → 0.2, 1, 2, 3, 3.8.
        let five: [Double] = [100, 30, 10, 40, 20]
        for (q, value) in zip(Quantiles.levels, [12.0, 20, 30, 40, 88]) {
            expectAmount(Quantiles.linear(five, level: q), value, tolerance: 1e-12, "n = 5, q = \(q)")
        }
        // One value: every quantile is that value; two: linear between them.
        #expect(Quantiles.linear([7], level: 0.95) == 7)
        expectAmount(Quantiles.linear([0, 10], level: 0.05), 0.5, tolerance: 1e-12, "n = 2")
        expectAmount(Quantiles.linear([0, 10], level: 0.95), 9.5, tolerance: 1e-12, "n = 2")
    }

    @Test func rowStatisticsGiveMeanAndTheFiveLevels() {
        var values: [Double] = [4, 1, 3, 2]
        var scratch = [Double](repeating: 0, count: 8)
        var out = [Double](repeating: 0, count: 6)
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                out.withUnsafeMutableBufferPointer { o in
                    RowStatistics.compute(v.baseAddress!, count: 4, scratch: s.baseAddress!, into: o.baseAddress!)
                }
            }
        }
        for (actual, expected) in zip(out, [2.5, 1.15, 1.75, 2.5, 3.25, 3.85]) {
            expectAmount(actual, expected, tolerance: 1e-12, "statistics of 1…4")
        }
        #expect(values == [4, 1, 3, 2], "the input row is left alone")
        // A non-decreasing transform applies to the order statistics and to every value of the mean.
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                out.withUnsafeMutableBufferPointer { o in
                    RowStatistics.compute(v.baseAddress!, count: 4, scratch: s.baseAddress!, into: o.baseAddress!) { $0 * 2 - 1 }
                }
            }
        }
        for (actual, expected) in zip(out, [4.0, 1.3, 2.5, 4, 5.5, 6.7]) {
            expectAmount(actual, expected, tolerance: 1e-12, "statistics of 2x − 1")
        }
    }

    @Test func selectionAgreesWithSorting() {
        var generator = SplitMix64(seed: 11, offset: SplitMix64.gamma)
        for round in 0..<200 {
            let count = Int.random(in: 1...300, using: &generator)
            // Few distinct values in some rounds, to exercise ties.
            let distinct = round % 3 == 0 ? 5 : 1_000_000
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<distinct, using: &generator)) * 0.37 }
            let sorted = values.sorted()
            var orders = (0..<8).map { _ in Int.random(in: 0..<count, using: &generator) }.sorted()
            if round % 5 == 0 { orders = [0, 0, count - 1] }
            var found = [Double](repeating: .nan, count: orders.count)
            var scratch = [Double](repeating: 0, count: 2 * count)
            values.withUnsafeBufferPointer { v in
                scratch.withUnsafeMutableBufferPointer { s in
                    found.withUnsafeMutableBufferPointer { f in
                        OrderStatistics.find(
                            v.baseAddress!, count: count, orders: orders, orderCount: orders.count,
                            results: f.baseAddress!, scratch: s.baseAddress!)
                    }
                }
            }
            for (o, k) in orders.enumerated() {
                #expect(found[o] == sorted[k], "round \(round): order statistic \(k) of \(count)")
            }
        }
    }

    @Test func rowStatisticsOfLongRowsAgreeWithSortingAndInterpolating() {
        // Long rows take the bucket path: smooth, skewed, heavily tied and two-valued rows.
        var generator = SplitMix64(seed: 5, offset: SplitMix64.gamma)
        for round in 0..<120 {
            let n = [256, 300, 2000, 5003][round % 4]
            let values: [Double] = (0..<n).map { p in
                let u = Double.random(in: 0..<1, using: &generator)
                switch round % 5 {
                case 0: return 1000 + 50 * (u - 0.5)
                case 1: return u < 0.7 ? 0 : u * u * 1e4  // many zeros, long tail
                case 2: return Double(Int(u * 3))  // three values
                case 3: return p == 17 ? 1e9 : 5 + u * 1e-6  // one huge outlier
                default: return -3 * Foundation.log(1 - u)
                }
            }
            var scratch = [Double](repeating: 0, count: RowStatistics.scratchCount(paths: n))
            var out = [Double](repeating: 0, count: 6)
            values.withUnsafeBufferPointer { v in
                scratch.withUnsafeMutableBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        RowStatistics.compute(v.baseAddress!, count: n, scratch: s.baseAddress!, into: o.baseAddress!)
                    }
                }
            }
            for (j, q) in Quantiles.levels.enumerated() {
                #expect(out[1 + j] == Quantiles.linear(values, level: q), "round \(round), n = \(n), q = \(q)")
            }
            let mean = values.reduce(0, +) / Double(n)
            expectAmount(out[0], mean, tolerance: 1e-12 * max(1, abs(values.max()!)) * Double(n).squareRoot(), "round \(round): mean")
        }
    }

    @Test func statisticsAlongAnOrderAreTheSelectionsBitsOrDeclined() {
        // A row read along a path order (a district's pool): when the row is non-decreasing along
        // it (or one value throughout) computeAlong gives compute's bits for the row and both
        // transforms; otherwise it declines and writes nothing.
        for seed in UInt64(60)..<UInt64(90) {
            var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
            let n = [300, 2000, 2001][Int(seed % 3)]
            let key = (0..<n).map { _ in Double.random(in: 0..<100, using: &generator) }
            let order = key.indices.sorted { key[$0] < key[$1] || (key[$0] == key[$1] && $0 < $1) }.map { Int32($0) }
            let values: [Double] = switch seed % 3 {
            case 0: key.map { 3 * $0 + 1.25 }  // follows the order
            case 1: Array(repeating: 7.5, count: n)  // one value
            default: key.map { $0 + Double.random(in: 0..<5, using: &generator) }  // does not
            }
            var scratch = [Double](repeating: 0, count: RowStatistics.scratchCount(paths: n))
            var along = [Double](repeating: .nan, count: 18), selected = [Double](repeating: .nan, count: 18)
            let need = 40.0
            let followed = values.withUnsafeBufferPointer { v in
                order.withUnsafeBufferPointer { o in
                    along.withUnsafeMutableBufferPointer { a in
                        RowStatistics.computeAlong(
                            v.baseAddress!, count: n, range: RowStatistics.rangeAndSum(v.baseAddress!, count: n),
                            order: o.baseAddress!, into: a.baseAddress!, also: a.baseAddress! + 6,
                            transform: .minus(need), also: a.baseAddress! + 12, transform: .dividedBy(need))
                    }
                }
            }
            values.withUnsafeBufferPointer { v in
                scratch.withUnsafeMutableBufferPointer { s in
                    selected.withUnsafeMutableBufferPointer { out in
                        RowStatistics.compute(
                            v.baseAddress!, count: n, scratch: s.baseAddress!, into: out.baseAddress!,
                            also: out.baseAddress! + 6, transform: .minus(need), also: out.baseAddress! + 12,
                            transform: .dividedBy(need))
                    }
                }
            }
            if seed % 3 != 1 {
                // The two transforms' means, taken in one pass, are `mean`'s bits.
                let (gapMean, ratioMean) = values.withUnsafeBufferPointer { v in
                    (RowStatistics.mean(v.baseAddress!, count: n) { $0 - need },
                     RowStatistics.mean(v.baseAddress!, count: n) { $0 / need })
                }
                #expect(selected[6].bitPattern == gapMean.bitPattern, "seed \(seed): mean of the gap")
                #expect(selected[12].bitPattern == ratioMean.bitPattern, "seed \(seed): mean of the ratio")
            }
            if seed % 3 == 2 {
                #expect(!followed, "seed \(seed): a row off the order is declined")
                #expect(along.allSatisfy { $0.isNaN }, "seed \(seed): nothing written")
            } else {
                #expect(followed, "seed \(seed)")
                #expect(along.map { $0.bitPattern } == selected.map { $0.bitPattern }, "seed \(seed): the selection's bits")
            }
        }
    }
}

/// Statistics reused for rows that repeat an earlier row bit for bit.
@Suite("Row statistics cache")
struct RowStatisticsCacheTests {
    @Test func aRowThatRepeatsBitForBitGetsTheStoredStatisticsAndAnyOtherRowMisses() {
        let n = 300
        var generator = SplitMix64(seed: 3, offset: SplitMix64.gamma)
        let row = (0..<n).map { _ in Double.random(in: 100..<200, using: &generator) }
        var scratch = [Double](repeating: 0, count: RowStatistics.scratchCount(paths: n))
        func statistics(_ values: [Double]) -> [Double] {
            var out = [Double](repeating: .nan, count: RowStatistics.count)
            values.withUnsafeBufferPointer { v in
                scratch.withUnsafeMutableBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        RowStatistics.compute(v.baseAddress!, count: n, scratch: s.baseAddress!, into: o.baseAddress!)
                    }
                }
            }
            return out
        }
        let cache = RowStatisticsCache(units: 2, paths: n)
        var out = [Double](repeating: .nan, count: RowStatistics.count)
        func lookup(_ unit: Int, _ values: [Double]) -> Bool {
            values.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { cache.lookup(unit: unit, v.baseAddress!, into: $0.baseAddress!) }
            }
        }
        #expect(!lookup(0, row), "an empty slot never hits")
        // Stored through `statistics(unit:_:into:compute:)`: computed once, then looked up.
        var computed = 0
        for _ in 0..<2 {
            row.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    cache.statistics(unit: 0, v.baseAddress!, into: o.baseAddress!) { target in
                        computed += 1
                        let fresh = statistics(row)
                        for j in 0..<RowStatistics.count { target[j] = fresh[j] }
                    }
                }
            }
        }
        #expect(computed == 1, "the repeated row is not computed again")
        #expect(out == statistics(row))
        #expect(lookup(0, row) && out == statistics(row), "a bit-identical row hits")
        #expect(!lookup(1, row), "slots are per unit")
        // One value one ulp away, or −0 for +0, is another row.
        var nudged = row
        nudged[n / 2] = nudged[n / 2].nextUp
        out = [Double](repeating: .nan, count: RowStatistics.count)
        #expect(!lookup(0, nudged))
        #expect(out.allSatisfy { $0.isNaN }, "a miss writes nothing")
        var zeros = [Double](repeating: 0, count: n)
        zeros.withUnsafeBufferPointer { v in
            [0.0, 0, 0, 0, 0, 0].withUnsafeBufferPointer { cache.store(unit: 1, v.baseAddress!, statistics: $0.baseAddress!) }
        }
        zeros[7] = -0.0
        #expect(!lookup(1, zeros), "−0 and +0 differ in bits")
    }
}
