import RealModule

/// Student's t distribution: the quantiles t_{p, df} behind model.md §17's 95 % intervals.
///
/// The distribution function is written through the regularized incomplete beta function
/// (continued fraction, modified Lentz), and the quantile found by bisection to the last bits.
public enum StudentT {
    /// P(T ≤ `t`) for `degreesOfFreedom` > 0.
    public static func cumulativeProbability(_ t: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        if t.isNaN { return .nan }
        let tail = 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p`-quantile t_{p, df}, for 0 < p < 1 and df > 0.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1, "probability must be in (0, 1)")
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        if p == 0.5 { return 0 }
        // Upper-tail probability, solved on it directly so p close to 1 keeps its precision.
        let tail = 1 - p
        func upper(_ t: Double) -> Double { 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5) }
        var low = 0.0
        var high = 1.0
        while upper(high) > tail { low = high; high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if upper(middle) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// The two-sided 95 % critical value t_{0.975, df}.
    public static func critical95(degreesOfFreedom df: Int) -> Double {
        quantile(0.975, degreesOfFreedom: Double(df))
    }
}

/// The regularized incomplete beta function I_x(a, b).
enum IncompleteBeta {
    /// I_x(a, b) for 0 ≤ x ≤ 1 and a, b > 0.
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
            + a * Double.log(x) + b * Double.log(onePlus: -x)
        let front = Double.exp(logFront)
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use symmetry beyond.
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// The continued fraction of I_x(a, b) by the modified Lentz method.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }
}
