/// Bucket selection over a layout guessed before the row is read (预估分桶): from an earlier
/// row of the same kind, e.g. the same unit's tax last year. The buckets are then known before
/// the first pass, so that one pass over the row takes its minimum, maximum and sum and counts
/// its buckets; a row just written by the engine comes from main memory once instead of being
/// read for its range first and bucketed second.
///
/// The guess only decides how the values are bucketed, never what is found: the bucket index is
/// a non-decreasing function of the value (with one bucket for everything below the guessed
/// range and one for everything above), so the order statistics are exact however poor the
/// guess. A guess that misses (a wanted position in a crowded bucket) is answered by the usual
/// layout over the row's own range, the row then in cache.
extension BucketSelection {
    /// The most values a wanted bucket of a guessed layout may hold before the row is bucketed
    /// again over its own range (an exact layout holds about four a bucket).
    public static let largestGuessedBucket = 256

    /// One pass over `values[0..<n]` (n ≥ 256): its minimum, maximum and sum, the sum in
    /// `RowStatistics.rangeAndSum`'s order (the same bits), and the counts of `buckets(for: n)`
    /// buckets laid over `low` < `high`. When the row is not one value throughout and every
    /// wanted bucket holds at most `largestGuessedBucket` values, the values at sorted positions
    /// `orders[0..<orderCount]` are written into `results` and `found` is `true`. `scratch` and
    /// `counts` are as for `find`.
    @inlinable
    public static func findGuessed(
        _ values: UnsafePointer<Double>, count n: Int, low: Double, high: Double, orders: UnsafePointer<Int>,
        orderCount: Int, results: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        counts: UnsafeMutablePointer<Int32>
    ) -> (range: RowStatistics.RowRange, found: Bool) {
        let buckets = Self.buckets(for: n)
        // Buckets 1 … inner cover [low, high]; 0 takes what lies below, inner + 1 what lies above.
        let inner = buckets - 2
        let scale = Double(inner - 1) / (high - low)
        let magic: Double = 0x1.8p52
        let top = Double(inner)
        @inline(__always) func bucket(_ value: Double) -> Int {
            let x = Swift.min(Swift.max((value - low) * scale, -1), top)
            return Int(truncatingIfNeeded: (x + magic).bitPattern &- magic.bitPattern) &+ 1
        }
        counts.update(repeating: 0, count: buckets + 1)
        let bucketOf = UnsafeMutableRawPointer(scratch + n).assumingMemoryBound(to: UInt16.self)
        @inline(__always) func count(_ value: Double, at p: Int) {
            let b = bucket(value)
            bucketOf[p] = UInt16(truncatingIfNeeded: b)
            counts[b &+ 1] &+= 1
        }
        let range = RowStatistics.rangeAndSum(values, count: n) { value, p in count(value, at: p) }
        guard range.0 < range.1 else { return (range, false) }
        let found = gatherWanted(
            values, count: n, buckets: buckets, orders: orders, orderCount: orderCount, results: results,
            scratch: scratch, counts: counts, largestBucket: largestGuessedBucket)
        return (range, found)
    }
}
