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
    /// `results`. `scratch` holds at least 3n values and `counts` room for `bucketCount` + 1 `Int32`s and
    /// `bucketCount` bytes after them (2 × `bucketCount` + 1 Ints are plenty).
    @inlinable
    public static func find(
        _ values: UnsafePointer<Double>, count n: Int, minimum: Double, maximum: Double, orders: UnsafePointer<Int>,
        orderCount: Int, results: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        counts: UnsafeMutablePointer<Int32>
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
        // Each value's bucket is kept (as 16 bits, in the part of `scratch` the ordering below
        // uses only after the gather) so that the gather pass does not compute it again.
        let bucketOf = UnsafeMutableRawPointer(scratch + n).assumingMemoryBound(to: UInt16.self)
        for p in 0..<n {
            let b = bucket(values[p])
            bucketOf[p] = UInt16(truncatingIfNeeded: b)
            counts[b &+ 1] &+= 1
        }
        _ = gatherWanted(
            values, count: n, buckets: buckets, orders: orders, orderCount: orderCount, results: results,
            scratch: scratch, counts: counts, largestBucket: n)
    }

    /// The second half of a bucket selection, once each value's bucket is in `scratch + n` (16
    /// bits each) and `counts[b + 1]` holds the size of bucket b < `buckets`: finds the buckets
    /// that hold a wanted position, gathers their values, orders each and writes the wanted
    /// positions into `results`. Returns `false`, before gathering, when a wanted bucket holds
    /// more than `largestBucket` values (a layout that missed the row: better redone).
    @inlinable
    static func gatherWanted(
        _ values: UnsafePointer<Double>, count n: Int, buckets: Int, orders: UnsafePointer<Int>, orderCount: Int,
        results: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        counts: UnsafeMutablePointer<Int32>, largestBucket: Int
    ) -> Bool {
        let bucketOf = UnsafeMutableRawPointer(scratch + n).assumingMemoryBound(to: UInt16.self)
        // counts[b] becomes the first position of bucket b.
        for b in 0..<buckets { counts[b + 1] &+= counts[b] }
        @inline(__always) func first(_ b: Int) -> Int { Int(counts[b]) }
        // Buckets holding a wanted position, and where their values go in `scratch`.
        var wanted = (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)
        var wantedCount = 0
        return withUnsafeMutableBytes(of: &wanted) { raw -> Bool in
            let wanted = raw.baseAddress!.assumingMemoryBound(to: Int.self)
            var b = 0
            for o in 0..<orderCount {
                while first(b + 1) <= orders[o] { b += 1 }
                if wantedCount == 0 || wanted[wantedCount - 1] != b {
                    if first(b + 1) - first(b) > largestBucket { return false }
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
                    start += first(wanted[w] + 1) - first(wanted[w])
                }
                // slot[b]: which wanted bucket b is, or −1 (a byte each, after the counts).
                let slot = UnsafeMutableRawPointer(counts + buckets + 1).assumingMemoryBound(to: Int8.self)
                slot.update(repeating: -1, count: buckets)
                for w in 0..<wantedCount { slot[wanted[w]] = Int8(w) }
                @inline(__always) func take(_ p: Int) {
                    let w = Int(slot[Int(bucketOf[p])])
                    if w >= 0 {
                        scratch[cursor[w]] = values[p]
                        cursor[w] += 1
                    }
                }
                // Four values at a time: the slots of an unwanted bucket are −1, so the four
                // slots ANDed stay negative unless one of the four is wanted (about 2 % are).
                var p = 0
                while p + 4 <= n {
                    if slot[Int(bucketOf[p])] & slot[Int(bucketOf[p + 1])] & slot[Int(bucketOf[p + 2])]
                        & slot[Int(bucketOf[p + 3])] >= 0
                    {
                        take(p); take(p + 1); take(p + 2); take(p + 3)
                    }
                    p += 4
                }
                while p < n {
                    take(p)
                    p += 1
                }
                // Order each gathered bucket as needed and read the wanted positions.
                var offset = 0
                var o = 0
                for w in 0..<wantedCount {
                    let b = wanted[w]
                    let size = first(b + 1) - first(b)
                    let bucketStart = scratch + offset
                    let firstOrder = o
                    while o < orderCount && orders[o] < first(b + 1) { o += 1 }
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
                        for k in firstOrder..<o { results[k] = bucketStart[orders[k] - first(b)] }
                    } else {
                        // Local positions within the bucket; `scratch` beyond n is free.
                        var local = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                        withUnsafeMutableBytes(of: &local) { localRaw in
                            let local = localRaw.baseAddress!.assumingMemoryBound(to: Int.self)
                            for k in firstOrder..<o { local[k - firstOrder] = orders[k] - first(b) }
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
            return true
        }
    }
}
