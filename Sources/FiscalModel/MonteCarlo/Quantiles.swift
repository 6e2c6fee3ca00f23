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

/// Order statistics of a row by bucketing: one pass counts values into equal-width buckets
/// between the row's minimum and maximum, a second pass gathers only the buckets that hold a
/// wanted position, which are then ordered on their own. The bucket index is a non-decreasing
/// function of the value, so every value of a lower bucket is at most every value of a higher
/// one and the result is exact. Cheap for the smooth distributions of Monte Carlo paths;
/// heavily tied rows fall back to `OrderStatistics.find` within a bucket.
public enum BucketSelection {
    /// Most buckets used (rows of 2048 paths or more).
    public static let bucketCount = 512

    /// Buckets for a row of `n` values: about four values a bucket.
    @inlinable public static func buckets(for n: Int) -> Int { Swift.min(bucketCount, Swift.max(64, n / 4)) }

    /// Writes the values at sorted positions `orders[0..<orderCount]` (ascending) of
    /// `values[0..<n]`, whose minimum and maximum (`minimum` < `maximum`) are given, into
    /// `results`. `scratch` holds at least 3n values and `counts` at least 2 × `bucketCount` + 1 Ints.
    @inlinable
    public static func find(
        _ values: UnsafePointer<Double>, count n: Int, minimum: Double, maximum: Double, orders: UnsafePointer<Int>,
        orderCount: Int, results: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        counts: UnsafeMutablePointer<Int>
    ) {
        let buckets = Self.buckets(for: n)
        let last = buckets - 1
        // (value − minimum) · scale lies in [0, last] (up to rounding), and adding 1.5 · 2⁵²
        // rounds it to the nearest integer in the low mantissa bits: a non-decreasing bucket
        // function without the trapping Double → Int conversion.
        let scale = Double(last) / (maximum - minimum)
        let magic: Double = 0x1.8p52
        @inline(__always) func bucket(_ value: Double) -> Int {
            Swift.min(Int(truncatingIfNeeded: ((value - minimum) * scale + magic).bitPattern &- magic.bitPattern), last)
        }
        counts.update(repeating: 0, count: buckets + 1)
        for p in 0..<n { counts[bucket(values[p]) &+ 1] &+= 1 }
        // counts[b] becomes the first position of bucket b.
        for b in 0..<buckets { counts[b + 1] += counts[b] }
        // Buckets holding a wanted position, and where their values go in `scratch`.
        var wanted = (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)
        var wantedCount = 0
        withUnsafeMutableBytes(of: &wanted) { raw in
            let wanted = raw.baseAddress!.assumingMemoryBound(to: Int.self)
            var b = 0
            for o in 0..<orderCount {
                while counts[b + 1] <= orders[o] { b += 1 }
                if wantedCount == 0 || wanted[wantedCount - 1] != b {
                    wanted[wantedCount] = b
                    wantedCount += 1
                }
            }
            // Gather: a position cursor per wanted bucket, others skipped.
            var cursor = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &cursor) { cursorRaw in
                let cursor = cursorRaw.baseAddress!.assumingMemoryBound(to: Int.self)
                var start = 0
                for w in 0..<wantedCount {
                    cursor[w] = start
                    start += counts[wanted[w] + 1] - counts[wanted[w]]
                }
                // slot[b]: which wanted bucket b is, or −1.
                let slot = counts + buckets + 1
                slot.update(repeating: -1, count: buckets)
                for w in 0..<wantedCount { slot[wanted[w]] = w }
                for p in 0..<n {
                    let value = values[p]
                    let w = slot[bucket(value)]
                    if w >= 0 {
                        scratch[cursor[w]] = value
                        cursor[w] += 1
                    }
                }
                // Order each gathered bucket as needed and read the wanted positions.
                var offset = 0
                var o = 0
                for w in 0..<wantedCount {
                    let b = wanted[w]
                    let size = counts[b + 1] - counts[b]
                    let bucketStart = scratch + offset
                    let firstOrder = o
                    while o < orderCount && orders[o] < counts[b + 1] { o += 1 }
                    if size <= 32 {
                        if size > 1 {
                            for i in 1..<size {
                                let value = bucketStart[i]
                                var j = i - 1
                                while j >= 0 && bucketStart[j] > value {
                                    bucketStart[j + 1] = bucketStart[j]
                                    j -= 1
                                }
                                bucketStart[j + 1] = value
                            }
                        }
                        for k in firstOrder..<o { results[k] = bucketStart[orders[k] - counts[b]] }
                    } else {
                        // Local positions within the bucket; `scratch` beyond n is free.
                        var local = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                        withUnsafeMutableBytes(of: &local) { localRaw in
                            let local = localRaw.baseAddress!.assumingMemoryBound(to: Int.self)
                            for k in firstOrder..<o { local[k - firstOrder] = orders[k] - counts[b] }
                            let tail = scratch + n
                            tail.update(from: bucketStart, count: size)
                            OrderStatistics.find(
                                tail, tail + size, 0, size - 1, UnsafePointer(local), 0, o - firstOrder,
                                results + firstOrder)
                        }
                    }
                    offset += size
                }
            }
        }
    }
}

/// Mean and the five quantile levels of one row of per-path values (SPEC §8, §9).
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

    /// Like `compute(_:count:scratch:into:also:transform:also:transform:)` when the row is
    /// non-decreasing along the path order `order` (e.g. a unit's donations along its district's
    /// pool): the order statistics are then read off that order, with no selection. Returns
    /// `false`, writing nothing, when the row is not ordered that way. The statistics are the
    /// same bits as `compute`'s.
    @inlinable
    public static func computeAlong(
        _ values: UnsafePointer<Double>, count n: Int, order: UnsafePointer<Int32>,
        into out: UnsafeMutablePointer<Double>,
        also second: UnsafeMutablePointer<Double>?, transform secondTransform: (Double) -> Double,
        also third: UnsafeMutablePointer<Double>?, transform thirdTransform: (Double) -> Double
    ) -> Bool {
        // The sequential pass first: it streams the row into cache for the gathers that follow.
        let (_, _, sum) = rangeAndSum(values, count: n)
        var previous = values[Int(order[0])]
        for k in 1..<max(n, 1) {
            let value = values[Int(order[k])]
            if value < previous { return false }
            previous = value
        }
        let minimum = values[Int(order[0])], maximum = values[Int(order[n - 1])]
        if minimum == maximum {
            for j in 0..<count { out[j] = minimum }
            if let second { for j in 0..<count { second[j] = secondTransform(minimum) } }
            if let third { for j in 0..<count { third[j] = thirdTransform(minimum) } }
            return true
        }
        out[0] = sum / Double(n)
        if let second { second[0] = mean(values, count: n, secondTransform) }
        if let third { third[0] = mean(values, count: n, thirdTransform) }
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
            p += 4
        }
        while p < n {
            low.0 = Swift.min(low.0, values[p]); high.0 = Swift.max(high.0, values[p]); sums.0 += values[p]
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
            values, count: n, scratch: scratch, into: out, identity: false, transform: transform, also: nil,
            transform: { $0 }, also: nil, transform: { $0 })
    }

    /// Mean, p05 … p95 of the values themselves (range and sum in one pass).
    @inlinable
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) {
        compute(
            values, count: n, scratch: scratch, into: out, identity: true, transform: { $0 }, also: nil,
            transform: { $0 }, also: nil, transform: { $0 })
    }

    /// The values themselves into `out` and up to two non-decreasing transforms of them into
    /// `second` and `third`, with one selection (e.g. resources, gap and self-sufficiency).
    @inlinable
    public static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>,
        also second: UnsafeMutablePointer<Double>?, transform secondTransform: (Double) -> Double,
        also third: UnsafeMutablePointer<Double>?, transform thirdTransform: (Double) -> Double
    ) {
        compute(
            values, count: n, scratch: scratch, into: out, identity: true, transform: { $0 }, also: second,
            transform: secondTransform, also: third, transform: thirdTransform)
    }

    /// The common implementation; with `identity`, `transform` must be the identity and the mean
    /// comes from the range pass.
    @inlinable
    static func compute(
        _ values: UnsafePointer<Double>, count n: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>, identity: Bool, transform: (Double) -> Double,
        also second: UnsafeMutablePointer<Double>?, transform secondTransform: (Double) -> Double,
        also third: UnsafeMutablePointer<Double>?, transform thirdTransform: (Double) -> Double
    ) {
        let (minimum, maximum, sum) = identity ? rangeAndSum(values, count: n) : { () -> (Double, Double, Double) in
            let (low, high) = range(values, count: n)
            return (low, high, 0)
        }()
        if minimum == maximum {
            // Every path agrees: every statistic is that value (no rounding noise from Σ/S).
            for j in 0..<count { out[j] = transform(minimum) }
            if let second { for j in 0..<count { second[j] = secondTransform(minimum) } }
            if let third { for j in 0..<count { third[j] = thirdTransform(minimum) } }
            return
        }
        out[0] = identity ? sum / Double(n) : mean(values, count: n, transform)
        if let second { second[0] = mean(values, count: n, secondTransform) }
        if let third { third[0] = mean(values, count: n, thirdTransform) }
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
                if n >= 256, (Double(BucketSelection.buckets(for: n)) / (maximum - minimum)).isFinite {
                    let counts = UnsafeMutableRawPointer(scratch + 3 * n).assumingMemoryBound(to: Int.self)
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
            }
        }
    }
}
