/// Mean and the five quantile levels of one row of per-path values (model.md §8, §9).
public enum RowStatistics {
    /// Number of statistics per row: mean, p05, p25, p50, p75, p95.
    public static let count = 6

    /// Minimum and maximum of `values[0..<n]` (n ≥ 1), with four independent accumulators.
    @inlinable
    public static func range(_ values: UnsafePointer<Double>, count n: Int) -> (Double, Double) {
        var low = (values[0], values[0], values[0], values[0])
        var high = low
        var p = 0
        while p + 4 <= n {
            low.0 = Swift.min(low.0, values[p]); high.0 = Swift.max(high.0, values[p])
            low.1 = Swift.min(low.1, values[p + 1]); high.1 = Swift.max(high.1, values[p + 1])
            low.2 = Swift.min(low.2, values[p + 2]); high.2 = Swift.max(high.2, values[p + 2])
            low.3 = Swift.min(low.3, values[p + 3]); high.3 = Swift.max(high.3, values[p + 3])
            p += 4
        }
        while p < n {
            low.0 = Swift.min(low.0, values[p]); high.0 = Swift.max(high.0, values[p])
            p += 1
        }
        return (Swift.min(Swift.min(low.0, low.1), Swift.min(low.2, low.3)),
                Swift.max(Swift.max(high.0, high.1), Swift.max(high.2, high.3)))
    }

    /// A row's minimum, maximum and sum (`rangeAndSum`), found once when `computeAlong` is tried
    /// before a selection (`compute(_:count:preferringOrder:…)`).
    public typealias RowRange = (minimum: Double, maximum: Double, sum: Double)

    /// Like `compute(_:count:scratch:into:also:transform:also:transform:)` when the row is
    /// non-decreasing along the path order `order` (e.g. a unit's donations along its district's
    /// pool): the order statistics are then read off that order, with no selection. Returns
    /// `false`, writing nothing, when the row is not ordered that way. The statistics are the
    /// same bits as `compute`'s.
    @inlinable
    public static func computeAlong(
        _ values: UnsafePointer<Double>, count n: Int, range: RowRange, order: UnsafePointer<Int32>,
        into out: UnsafeMutablePointer<Double>,
        also second: UnsafeMutablePointer<Double>?, transform secondTransform: RowTransform,
        also third: UnsafeMutablePointer<Double>?, transform thirdTransform: RowTransform
    ) -> Bool {
        // A row that is one value on every path (ordered whatever the order) needs no gathers.
        let (minimum, maximum, sum) = range
        if minimum == maximum {
            for j in 0..<count { out[j] = minimum }
            if let second { for j in 0..<count { second[j] = secondTransform(minimum) } }
            if let third { for j in 0..<count { third[j] = thirdTransform(minimum) } }
            return true
        }
        var previous = values[Int(order[0])]
        for k in 1..<max(n, 1) {
            let value = values[Int(order[k])]
            if value < previous { return false }
            previous = value
        }
        out[0] = sum / Double(n)
        transformedMeans(values, count: n, second, secondTransform, third, thirdTransform)
        for (j, q) in Quantiles.levels.enumerated() {
            let (lower, upper, gamma) = Quantiles.position(of: q, count: n)
            let (a, b) = (values[Int(order[lower])], values[Int(order[upper])])
            out[1 + j] = Quantiles.interpolate(a, b, gamma: gamma)
            if let second { second[1 + j] = Quantiles.interpolate(secondTransform(a), secondTransform(b), gamma: gamma) }
            if let third { third[1 + j] = Quantiles.interpolate(thirdTransform(a), thirdTransform(b), gamma: gamma) }
        }
        return true
    }

    /// Minimum, maximum and the sum (in `mean`'s order) of `values[0..<n]` in one pass.
    @inlinable
    public static func rangeAndSum(_ values: UnsafePointer<Double>, count n: Int) -> (Double, Double, Double) {
        rangeAndSum(values, count: n) { _, _ in }
    }

    /// `rangeAndSum(_:count:)`, handing each value and its position to `visit` in the same pass
    /// (e.g. to bucket it: `BucketSelection.findGuessed`).
    @inlinable @inline(__always)
    public static func rangeAndSum(
        _ values: UnsafePointer<Double>, count n: Int, visiting visit: (Double, Int) -> Void
    ) -> (Double, Double, Double) {
        var low = (values[0], values[0], values[0], values[0])
        var high = low
        var sums = (0.0, 0.0, 0.0, 0.0)
        var p = 0
        while p + 4 <= n {
            let a = values[p], b = values[p + 1], c = values[p + 2], d = values[p + 3]
            low.0 = Swift.min(low.0, a); high.0 = Swift.max(high.0, a); sums.0 += a
            low.1 = Swift.min(low.1, b); high.1 = Swift.max(high.1, b); sums.1 += b
            low.2 = Swift.min(low.2, c); high.2 = Swift.max(high.2, c); sums.2 += c
            low.3 = Swift.min(low.3, d); high.3 = Swift.max(high.3, d); sums.3 += d
            visit(a, p); visit(b, p + 1); visit(c, p + 2); visit(d, p + 3)
            p += 4
        }
        while p < n {
            low.0 = Swift.min(low.0, values[p]); high.0 = Swift.max(high.0, values[p]); sums.0 += values[p]
            visit(values[p], p)
            p += 1
        }
        return (Swift.min(Swift.min(low.0, low.1), Swift.min(low.2, low.3)),
                Swift.max(Swift.max(high.0, high.1), Swift.max(high.2, high.3)),
                (sums.0 + sums.1) + (sums.2 + sums.3))
    }

    /// The mean of `transform(values[p])` over p < n: four partial sums over p mod 4 (a fixed
    /// order, so the result depends on S only), added as (s₀ + s₁) + (s₂ + s₃), divided by n.
    @inlinable
    public static func mean(_ values: UnsafePointer<Double>, count n: Int, _ transform: (Double) -> Double) -> Double {
        var sums = (0.0, 0.0, 0.0, 0.0)
        var p = 0
        while p + 4 <= n {
            sums.0 += transform(values[p])
            sums.1 += transform(values[p + 1])
            sums.2 += transform(values[p + 2])
            sums.3 += transform(values[p + 3])
            p += 4
        }
        while p < n {
            sums.0 += transform(values[p])
            p += 1
        }
        return ((sums.0 + sums.1) + (sums.2 + sums.3)) / Double(n)
    }

    /// `second[0]` and `third[0]` (those given): the means of the two transforms, each the same
    /// bits as `mean`'s.
    @inlinable
    static func transformedMeans(
        _ values: UnsafePointer<Double>, count n: Int, _ second: UnsafeMutablePointer<Double>?,
        _ secondTransform: RowTransform, _ third: UnsafeMutablePointer<Double>?, _ thirdTransform: RowTransform
    ) {
        if let second { second[0] = mean(values, count: n, secondTransform) }
        if let third { third[0] = mean(values, count: n, thirdTransform) }
    }

    /// Scratch values `compute` needs for rows of `n` paths.
    public static func scratchCount(paths n: Int) -> Int { 3 * n + 2 * BucketSelection.bucketCount + 1 }

    /// Writes mean, p05 … p95 of `values[0..<n]` into `out[0..<6]`, each of `transform(v)`;
    /// `transform` must be non-decreasing (so the order statistics of the transformed values
    /// are the transformed order statistics). `scratch` holds at least
    /// `scratchCount(paths: n)` values.
    @inlinable
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>, transform: (Double) -> Double
    ) {
        compute(
            values, count: n, range: nil, scratch: scratch, into: out, identity: false, transform: transform, also: nil,
            transform: .identity, also: nil, transform: .identity)
    }

    /// Mean, p05 … p95 of the values themselves (range and sum in one pass).
    @inlinable
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) {
        compute(
            values, count: n, range: nil, scratch: scratch, into: out, identity: true, transform: { $0 }, also: nil,
            transform: .identity, also: nil, transform: .identity)
    }

    /// The values themselves into `out` and up to two non-decreasing transforms of them into
    /// `second` and `third`, with one selection (e.g. resources, gap and self-sufficiency).
    @inlinable
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>,
        also second: UnsafeMutablePointer<Double>?, transform secondTransform: RowTransform,
        also third: UnsafeMutablePointer<Double>?, transform thirdTransform: RowTransform
    ) {
        compute(
            values, count: n, range: nil, scratch: scratch, into: out, identity: true, transform: { $0 }, also: second,
            transform: secondTransform, also: third, transform: thirdTransform)
    }

    /// The statistics of a row that usually follows the path order `order` (a unit's donations
    /// and resources along its district's pool): read along the order when the row follows it
    /// (`computeAlong`), by selection otherwise, the range pass taken once for both; the values
    /// and up to two non-decreasing transforms as in `compute`. Returns the row's minimum and
    /// maximum when it was selected, `nil` when it was read along the order.
    @inlinable @discardableResult
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, preferringOrder order: UnsafePointer<Int32>,
        scratch: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>,
        also second: UnsafeMutablePointer<Double>? = nil, transform secondTransform: RowTransform = .identity,
        also third: UnsafeMutablePointer<Double>? = nil, transform thirdTransform: RowTransform = .identity
    ) -> (minimum: Double, maximum: Double)? {
        let range = rangeAndSum(values, count: n)
        if computeAlong(
            values, count: n, range: range, order: order, into: out, also: second, transform: secondTransform,
            also: third, transform: thirdTransform)
        {
            return nil
        }
        return compute(
            values, count: n, range: range, scratch: scratch, into: out, identity: true, transform: { $0 }, also: second,
            transform: secondTransform, also: third, transform: thirdTransform)
    }

    /// Mean, p05 … p95 of the values themselves with the buckets laid over `guess` (an earlier
    /// row's range, see `BucketSelection.findGuessed`), so that the row is read once for its
    /// range, sum and buckets; without a guess as `compute(_:count:scratch:into:)`. The same bits
    /// either way. Returns the row's minimum and maximum: the next row's guess.
    /// Up to two non-decreasing transforms go into `second` and `third` as in
    /// `compute(_:count:scratch:into:also:transform:also:transform:)`.
    @inlinable @discardableResult
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, guess: (low: Double, high: Double)?,
        scratch: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>,
        also second: UnsafeMutablePointer<Double>? = nil, transform secondTransform: RowTransform = .identity,
        also third: UnsafeMutablePointer<Double>? = nil, transform thirdTransform: RowTransform = .identity
    ) -> (minimum: Double, maximum: Double) {
        compute(
            values, count: n, range: nil, guess: guess, scratch: scratch, into: out, identity: true, transform: { $0 },
            also: second, transform: secondTransform, also: third, transform: thirdTransform)
    }

    /// The common implementation; with `identity`, `transform` must be the identity and the mean
    /// comes from the range pass (or from `range`, given only with `identity`), whose buckets may
    /// be laid over a `guess` (only with `identity`). Returns the row's minimum and maximum.
    @inlinable @discardableResult
    static func compute(
        _ values: UnsafePointer<Double>, count n: Int, range: RowRange?, guess: (low: Double, high: Double)? = nil,
        scratch: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>, identity: Bool,
        transform: (Double) -> Double,
        also second: UnsafeMutablePointer<Double>?, transform secondTransform: RowTransform,
        also third: UnsafeMutablePointer<Double>?, transform thirdTransform: RowTransform
    ) -> (minimum: Double, maximum: Double) {
        // Positions j and j + 1 of the five levels (ascending), their values, then interpolate.
        var orders = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var found = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        return withUnsafeMutableBytes(of: &orders) { orderBytes in
            withUnsafeMutableBytes(of: &found) { foundBytes in
                let orders = orderBytes.baseAddress!.assumingMemoryBound(to: Int.self)
                let found = foundBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                for (j, q) in Quantiles.levels.enumerated() {
                    let (lower, upper, _) = Quantiles.position(of: q, count: n)
                    orders[2 * j] = lower
                    orders[2 * j + 1] = upper
                }
                let counts = UnsafeMutableRawPointer(scratch + 3 * n).assumingMemoryBound(to: Int32.self)
                var selected = false
                let (minimum, maximum, sum): (Double, Double, Double)
                if identity, range == nil, let guess, n >= 256, guess.low < guess.high,
                    (Double(BucketSelection.buckets(for: n)) / (guess.high - guess.low)).isNormal
                {
                    let guessed = BucketSelection.findGuessed(
                        values, count: n, low: guess.low, high: guess.high, orders: UnsafePointer(orders),
                        orderCount: 10, results: found, scratch: scratch, counts: counts)
                    (minimum, maximum, sum) = guessed.range
                    selected = guessed.found
                } else if identity {
                    (minimum, maximum, sum) = range ?? rangeAndSum(values, count: n)
                } else {
                    (minimum, maximum) = Self.range(values, count: n)
                    sum = 0
                }
                if minimum == maximum {
                    // Every path agrees: every statistic is that value (no rounding noise from Σ/S).
                    for j in 0..<count { out[j] = transform(minimum) }
                    if let second { for j in 0..<count { second[j] = secondTransform(minimum) } }
                    if let third { for j in 0..<count { third[j] = thirdTransform(minimum) } }
                    return (minimum, maximum)
                }
                out[0] = identity ? sum / Double(n) : mean(values, count: n, transform)
                transformedMeans(values, count: n, second, secondTransform, third, thirdTransform)
                if selected {
                    // Found by the guessed layout's pass.
                } else if n >= 256, (Double(BucketSelection.buckets(for: n)) / (maximum - minimum)).isFinite {
                    BucketSelection.find(
                        values, count: n, minimum: minimum, maximum: maximum, orders: UnsafePointer(orders),
                        orderCount: 10, results: found, scratch: scratch, counts: counts)
                } else {
                    OrderStatistics.find(
                        values, count: n, orders: UnsafePointer(orders), orderCount: 10, results: found,
                        scratch: scratch)
                }
                for (j, q) in Quantiles.levels.enumerated() {
                    let gamma = Quantiles.position(of: q, count: n).gamma
                    let (a, b) = (found[2 * j], found[2 * j + 1])
                    out[1 + j] = Quantiles.interpolate(transform(a), transform(b), gamma: gamma)
                    if let second {
                        second[1 + j] = Quantiles.interpolate(secondTransform(a), secondTransform(b), gamma: gamma)
                    }
                    if let third {
                        third[1 + j] = Quantiles.interpolate(thirdTransform(a), thirdTransform(b), gamma: gamma)
                    }
                }
                return (minimum, maximum)
            }
        }
    }
}
