/// The residual correlations R_ij of model.md §17 and their two-level means: Pearson over the years
/// both units have, counted only for pairs with at least 3 common observations and non-zero
/// variance in both.
struct PairCorrelations {
    /// The minimum number of common observations for a pair to count.
    static let minimumCommonYears = 3

    /// The counted pairs (i < j) and their correlations.
    var pairs: [(i: Int, j: Int, r: Double)] = []

    /// The counted pairs of `series` (nil for a dropped unit), leaving year `excluded` out.
    init(series: [GrowthSeries?], excluding excluded: Int? = nil) {
        for i in series.indices {
            guard let a = series[i] else { continue }
            for j in (i + 1)..<max(series.count, i + 1) {
                guard let b = series[j] else { continue }
                let common = GrowthSeries.common(a, b, excluding: excluded)
                guard common.x.count >= Self.minimumCommonYears,
                    let r = SampleMoments.correlation(common.x, common.y)
                else { continue }
                pairs.append((i, j, r))
            }
        }
    }

    /// The mean of the counted pairs within one district (`within` true) or across districts,
    /// with the number of pairs; nil mean when there is none.
    func mean(within: Bool, districts: [Int]) -> (mean: Double?, pairs: Int) {
        let values = pairs.filter { (districts[$0.i] == districts[$0.j]) == within }.map(\.r)
        return (values.isEmpty ? nil : SampleMoments.mean(values), values.count)
    }
}
