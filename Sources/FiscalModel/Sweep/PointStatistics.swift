/// Mean and the 5 %, 50 % and 95 % quantiles of one row's per-path values (model.md §15.1;
/// quantiles as NumPy's 'linear', §8).
public struct PathSummary: Sendable, Equatable {
    /// Mean over the paths (summed in path order).
    public var mean: Double
    /// 5th percentile.
    public var p05: Double
    /// Median.
    public var p50: Double
    /// 95th percentile.
    public var p95: Double

    /// The summary of `values` (not empty).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a summary needs at least one path")
        mean = values.reduce(0, +) / Double(values.count)
        let sorted = values.sorted()
        func level(_ q: Double) -> Double {
            let (lower, upper, gamma) = Quantiles.position(of: q, count: sorted.count)
            return Quantiles.interpolate(sorted[lower], sorted[upper], gamma: gamma)
        }
        p05 = level(0.05)
        p50 = level(0.50)
        p95 = level(0.95)
    }
}

/// The Monte Carlo metrics of one `sweep.csv` row (a district or `all`) from a point's
/// per-path horizon sums: every statistic over the S per-path values of that row.
public struct PointStatistics: Sendable, Equatable {
    /// Rebates, net revenue, counterfactual net revenue, reform effect, fees transferred and
    /// donations allocated, in that order (the §15.1 column order).
    public var money: [PathSummary]
    /// Share of paths whose reform effect is negative.
    public var probabilityReformEffectNegative: Double
    /// Share of paths on which capacity binds in at least one year.
    public var probabilityCapacityBinding: Double
    /// Mean over paths of the units with a gap in the last year.
    public var unitsWithGapMean: Double
    /// Mean over paths of the path's mean self-sufficiency (`nil`: no unit has need).
    public var meanSelfSufficiencyMean: Double?

    /// The row of the districts `districts` of `sums` (one district, or all of them for `all`):
    /// a path's value is the sum over those districts, never a sum of district statistics.
    public init(_ sums: PathHorizonSums, districts: [Int]) {
        let s = sums.paths
        func perPath(_ value: (Int, Int) -> Double) -> [Double] {
            (0..<s).map { p in districts.reduce(0) { $0 + value($1, p) } }
        }
        let reformEffect = perPath(sums.reformEffect)
        money = [
            perPath { sums.rebates[$0 * s + $1] }, perPath { sums.netRevenue[$0 * s + $1] },
            perPath { sums.counterfactualNetRevenue[$0 * s + $1] }, reformEffect,
            perPath { d, p in sums.feesTransferredByPath?[d * s + p] ?? sums.feesTransferred[d] },
            perPath { sums.donationsAllocated[$0 * s + $1] },
        ].map(PathSummary.init)
        let paths = Double(s)
        probabilityReformEffectNegative = Double(reformEffect.filter { $0 < 0 }.count) / paths
        probabilityCapacityBinding = Double((0..<s).filter { p in districts.contains { sums.binding[$0 * s + p] } }.count) / paths
        unitsWithGapMean = perPath { Double(sums.unitsWithGap[$0 * s + $1]) }.reduce(0, +) / paths
        if let byPath = sums.unitsWithNeedByPath {
            // Waves: which units have need can differ by path; paths with none are left out.
            let ratios = (0..<s).compactMap { p -> Double? in
                let withNeed = districts.reduce(0) { $0 + byPath[$1 * s + p] }
                return withNeed == 0 ? nil : districts.reduce(0) { $0 + sums.selfSufficiencySum[$1 * s + p] } / Double(withNeed)
            }
            meanSelfSufficiencyMean = ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count)
        } else {
            let withNeed = districts.reduce(0) { $0 + sums.unitsWithNeed[$1] }
            meanSelfSufficiencyMean = withNeed == 0
                ? nil : perPath { sums.selfSufficiencySum[$0 * s + $1] }.map { $0 / Double(withNeed) }.reduce(0, +) / paths
        }
    }
}
