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
