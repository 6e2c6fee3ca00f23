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

    /// Rearranges `buffer` so that every position in `orders` holds the value it would hold if
    /// the buffer were sorted (a multi-quickselect: O(n log k) for k orders).
    public static func select(_ buffer: UnsafeMutableBufferPointer<Double>, orders: [Int]) {
        guard buffer.count > 1 else { return }
        select(buffer.baseAddress!, 0, buffer.count - 1, orders: orders[...])
    }

    private static func select(_ x: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int, orders: ArraySlice<Int>) {
        var low = low, high = high
        var orders = orders
        while true {
            orders = orders.drop { $0 < low }
            while let last = orders.last, last > high { orders = orders.dropLast() }
            guard !orders.isEmpty else { return }
            if high - low < 24 {
                insertionSort(x, low, high)
                return
            }
            // Median-of-three pivot, Hoare partition.
            let middle = low + (high - low) / 2
            if x[middle] < x[low] { x.swapAt(middle, low) }
            if x[high] < x[low] { x.swapAt(high, low) }
            if x[high] < x[middle] { x.swapAt(high, middle) }
            let pivot = x[middle]
            var i = low - 1, j = high + 1
            while true {
                repeat { i += 1 } while x[i] < pivot
                repeat { j -= 1 } while x[j] > pivot
                if i >= j { break }
                x.swapAt(i, j)
            }
            // [low, j] ≤ pivot ≤ [j + 1, high]
            let left = orders.prefix { $0 <= j }
            let right = orders.dropFirst(left.count)
            if left.isEmpty {
                low = j + 1
            } else if right.isEmpty {
                high = j
            } else {
                select(x, low, j, orders: left)
                low = j + 1
                orders = right
            }
        }
    }

    private static func insertionSort(_ x: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int) {
        guard high > low else { return }
        for i in (low + 1)...high {
            let value = x[i]
            var j = i - 1
            while j >= low && x[j] > value {
                x[j + 1] = x[j]
                j -= 1
            }
            x[j + 1] = value
        }
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    @inline(__always) fileprivate func swapAt(_ a: Int, _ b: Int) {
        let t = self[a]
        self[a] = self[b]
        self[b] = t
    }
}

/// Mean and the five quantile levels of one row of per-path values (SPEC §8, §9).
public enum RowStatistics {
    /// Number of statistics per row: mean, p05, p25, p50, p75, p95.
    public static let count = 6

    /// Writes mean, p05 … p95 of `values[0..<n]` into `out[0..<6]`, each of `transform(v)`;
    /// `transform` must be non-decreasing (so the order statistics of the transformed values
    /// are the transformed order statistics). `scratch` holds at least n values.
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
        scratch.update(from: values, count: n)
        let buffer = UnsafeMutableBufferPointer(start: scratch, count: n)
        var orders: [Int] = []
        orders.reserveCapacity(10)
        for q in Quantiles.levels {
            let (lower, upper, _) = Quantiles.position(of: q, count: n)
            orders.append(lower)
            if upper != lower { orders.append(upper) }
        }
        orders.sort()
        Quantiles.select(buffer, orders: orders)
        for (j, q) in Quantiles.levels.enumerated() {
            let (lower, upper, gamma) = Quantiles.position(of: q, count: n)
            out[1 + j] = Quantiles.interpolate(transform(buffer[lower]), transform(buffer[upper]), gamma: gamma)
        }
    }
}
