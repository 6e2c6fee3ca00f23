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
