/// Sample quantiles as NumPy computes them by default (`method='linear'`, Hyndman & Fan type 7):
/// for n sorted values x₀ ≤ … ≤ xₙ₋₁ and level q, h = (n − 1)·q, j = ⌊h⌋, γ = h − j and
/// Q(q) = x_j + γ·(x_{j+1} − x_j), evaluated as x_{j+1} − (1 − γ)·(x_{j+1} − x_j) when γ ≥ 0.5
/// (NumPy's `_lerp`, which is exact at both ends). j + 1 is clipped to n − 1.
public enum Quantiles {
    /// The levels written to the quantile files: p05, p25, p50, p75, p95.
    public static let levels: [Double] = [0.05, 0.25, 0.50, 0.75, 0.95]

    /// The positions j and j + 1 and the weight γ that level `q` reads among `count` values.
    @inlinable
    public static func position(of q: Double, count: Int) -> (lower: Int, upper: Int, gamma: Double) {
        let h = Double(count - 1) * q
        let j = h.rounded(.down)
        let lower = min(max(Int(j), 0), count - 1)
        return (lower, min(lower + 1, count - 1), h - j)
    }

    /// NumPy's `_lerp(a, b, γ)`.
    @inlinable
    public static func interpolate(_ a: Double, _ b: Double, gamma: Double) -> Double {
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The level-`q` quantile of `values` (any order; not empty).
    public static func linear(_ values: [Double], level q: Double) -> Double {
        precondition(!values.isEmpty, "the quantile of no values is undefined")
        let sorted = values.sorted()
        let (lower, upper, gamma) = position(of: q, count: sorted.count)
        return interpolate(sorted[lower], sorted[upper], gamma: gamma)
    }
}

/// Order statistics by branchless out-of-place multi-quickselect: each level copies its range
/// into the other half of a scratch buffer, values below the pivot from the front and the rest
/// from the back (no data-dependent branches), and recurses only into parts that hold a wanted
/// position.
public enum OrderStatistics {
    /// Writes the values at sorted positions `orders[0..<orderCount]` (ascending) of
    /// `values[0..<n]` into `results`. `scratch` holds at least 2n values.
    @inlinable
    public static func find(
        _ values: UnsafePointer<Double>, count n: Int, orders: UnsafePointer<Int>, orderCount: Int,
        results: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        scratch.update(from: values, count: n)
        find(scratch, scratch + n, 0, n - 1, orders, 0, orderCount, results)
    }

    @usableFromInline
    static func find(
        _ source: UnsafeMutablePointer<Double>, _ target: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int,
        _ orders: UnsafePointer<Int>, _ firstOrder: Int, _ endOrder: Int, _ results: UnsafeMutablePointer<Double>
    ) {
        guard firstOrder < endOrder else { return }
        if high - low < 40 {
            // Small range: insertion sort in place.
            if high > low {
                for i in (low + 1)...high {
                    let value = source[i]
                    var j = i - 1
                    while j >= low && source[j] > value {
                        source[j + 1] = source[j]
                        j -= 1
                    }
                    source[j + 1] = value
                }
            }
            for o in firstOrder..<endOrder { results[o] = source[orders[o]] }
            return
        }
        // Pivot: median of five spread samples.
        let step = (high - low) / 4
        var a = source[low], b = source[low + step], c = source[low + 2 * step], d = source[low + 3 * step], e = source[high]
        if a > b { swap(&a, &b) }
        if d > e { swap(&d, &e) }
        if a > c { swap(&a, &c) }
        if b > c { swap(&b, &c) }
        if a > d { swap(&a, &d) }
        if c > d { swap(&c, &d) }
        if b > e { swap(&b, &e) }
        if b > c { swap(&b, &c) }
        let pivot = c
        var left = partition(source, target, low, high) { $0 < pivot }
        if left == low {
            // Nothing below the pivot: it is the minimum. Split off the values equal to it.
            left = partition(source, target, low, high) { $0 <= pivot }
            var o = firstOrder
            while o < endOrder && orders[o] < left {
                results[o] = pivot
                o += 1
            }
            if left > high { return }
            find(target, source, left, high, orders, o, endOrder, results)
            return
        }
        var split = firstOrder
        while split < endOrder && orders[split] < left { split += 1 }
        find(target, source, low, left - 1, orders, firstOrder, split, results)
        find(target, source, left, high, orders, split, endOrder, results)
    }

    /// Copies `source[low...high]` into `target[low...high]`, values satisfying `isLeft` first
    /// (in order), the others after them (in reverse order); returns the first right position.
    @inlinable @inline(__always)
    static func partition(
        _ source: UnsafeMutablePointer<Double>, _ target: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int,
        _ isLeft: (Double) -> Bool
    ) -> Int {
        var left = low
        var right = high
        for i in low...high {
            let value = source[i]
            target[left] = value
            target[right] = value
            let goesLeft = isLeft(value) ? 1 : 0
            left += goesLeft
            right -= 1 - goesLeft
        }
        return left
    }
}

/// Mean and the five quantile levels of one row of per-path values (SPEC §8, §9).
public enum RowStatistics {
    /// Number of statistics per row: mean, p05, p25, p50, p75, p95.
    public static let count = 6

    /// Writes mean, p05 … p95 of `values[0..<n]` into `out[0..<6]`, each of `transform(v)`;
    /// `transform` must be non-decreasing (so the order statistics of the transformed values
    /// are the transformed order statistics). `scratch` holds at least 2n values.
    @inlinable
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>, transform: (Double) -> Double = { $0 }
    ) {
        var minimum = values[0], maximum = values[0]
        for p in 1..<max(n, 1) {
            let v = values[p]
            minimum = Swift.min(minimum, v)
            maximum = Swift.max(maximum, v)
        }
        if minimum == maximum {
            // Every path agrees: every statistic is that value (no rounding noise from Σ/S).
            let value = transform(minimum)
            for j in 0..<count { out[j] = value }
            return
        }
        var sum = 0.0
        for p in 0..<n { sum += transform(values[p]) }
        out[0] = sum / Double(n)
        // Positions j and j + 1 of the five levels (ascending), their values, then interpolate.
        var orders = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var found = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &orders) { orderBytes in
            withUnsafeMutableBytes(of: &found) { foundBytes in
                let orders = orderBytes.baseAddress!.assumingMemoryBound(to: Int.self)
                let found = foundBytes.baseAddress!.assumingMemoryBound(to: Double.self)
                for (j, q) in Quantiles.levels.enumerated() {
                    let (lower, upper, _) = Quantiles.position(of: q, count: n)
                    orders[2 * j] = lower
                    orders[2 * j + 1] = upper
                }
                OrderStatistics.find(
                    values, count: n, orders: UnsafePointer(orders), orderCount: 10, results: found, scratch: scratch)
                for (j, q) in Quantiles.levels.enumerated() {
                    let gamma = Quantiles.position(of: q, count: n).gamma
                    out[1 + j] = Quantiles.interpolate(transform(found[2 * j]), transform(found[2 * j + 1]), gamma: gamma)
                }
            }
        }
    }
}
