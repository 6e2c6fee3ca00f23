/// Sample moments computed the way NumPy computes them (model.md §17): the mean as Σx/n, then the
/// squared deviations about that mean (two passes, no Σx² − n·x̄² cancellation), so `mean`,
/// `std(ddof=1)` and `corrcoef` agree with NumPy's to a few ulps.
public enum SampleMoments {
    /// Σx/n (NaN for no values).
    public static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }

    /// Σ(x − `center`)².
    public static func sumOfSquaredDeviations(_ values: [Double], about center: Double) -> Double {
        var sum = 0.0
        for value in values {
            let deviation = value - center
            sum += deviation * deviation
        }
        return sum
    }

    /// The sample standard deviation with ddof 1 (NaN for fewer than two values).
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return .nan }
        let center = mean(values)
        return (sumOfSquaredDeviations(values, about: center) / Double(values.count - 1)).squareRoot()
    }

    /// Pearson's correlation of paired values as NumPy's `corrcoef` computes it (covariance
    /// with ddof 1 divided by each standard deviation in turn, clipped to [−1, 1]); nil when
    /// either has zero variance or there are fewer than two pairs.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count)
        guard x.count > 1 else { return nil }
        let mx = mean(x)
        let my = mean(y)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for index in x.indices {
            let dx = x[index] - mx
            let dy = y[index] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        let scale = Double(x.count - 1)
        let r = sxy / scale / (sxx / scale).squareRoot() / (syy / scale).squareRoot()
        return min(max(r, -1), 1)
    }
}
