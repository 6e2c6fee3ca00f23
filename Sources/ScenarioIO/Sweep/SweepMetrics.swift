import FiscalModel

/// The metric columns of `sweep.csv` (model.md §15.1) and their values for one point: one row per
/// district in declared order, then the `all` row.
public enum SweepMetrics {
    /// The money metrics, in column order.
    public static let money = [
        "rebates", "net_revenue", "counterfactual_net_revenue", "reform_effect", "fees_transferred", "donations_allocated",
    ]
    /// Deterministic metric columns (paths 1).
    public static let deterministic = money + [
        "capacity_binding_years", "units_with_gap", "mean_self_sufficiency", "min_self_sufficiency",
    ]
    /// Monte Carlo metric columns (paths > 1).
    public static let monteCarlo = money.flatMap { m in ["_mean", "_p05", "_p50", "_p95"].map { m + $0 } } + [
        "prob_reform_effect_negative", "prob_capacity_binding", "units_with_gap_mean", "mean_self_sufficiency_mean",
    ]

    /// The metric columns of a sweep that is Monte Carlo or not, then those of the waves `waves`
    /// (model.md §20, listed order).
    public static func columns(monteCarlo: Bool, waves: [String] = []) -> [String] {
        (monteCarlo ? Self.monteCarlo : deterministic)
            + waves.flatMap { WaveColumns.sweep(wave: $0, monteCarlo: monteCarlo) }
    }

    /// The deterministic rows of `scenario` (its `reform` against its own counterfactual):
    /// money as Σ over years of the rounded `districts.csv` cells, binding years from the
    /// unrounded φ < 1, gaps from the rounded last-year `gap` cells, ratios of the unrounded
    /// last-year values.
    /// Throws when a yearly value reaches model.md §19's limits.
    public static func deterministicRows(_ scenario: Scenario) throws(ProjectionLimitViolation) -> [[String]] {
        try deterministicRows(scenario, baselines: DeterministicBaselines())
    }

    /// The deterministic rows, the no-adoption run taken from `baselines` (shared by the
    /// points of a sweep: it depends on the tax-growth policy alone). The projection keeps only
    /// the point's totals (`SweepPointTotals`), no unit table (issue 22).
    static func deterministicRows(
        _ scenario: Scenario, baselines: DeterministicBaselines
    ) throws(ProjectionLimitViolation) -> [[String]] {
        var model = scenario
        model.variants = []
        var totals = SweepPointTotals(model)
        let reform = Projection.run(
            CompiledPolicy(model.reform, of: model, counterfactual: false), name: Variant.reformName,
            counterfactualNetRevenue: try baselines.net(model), limits: ProjectionGuard(model),
            waves: WaveTracker(model.reform, of: model, paths: 1), into: &totals)
        if let violation = reform.limitViolation { throw violation }
        let ratio = model.ratioRounding
        func ratios(_ units: [Int]) -> [String] {
            let values = units.compactMap { totals.selfSufficiency[$0] }
            guard let low = values.min(), let mean = ComparisonTable.mean(values) else { return ["", ""] }
            return [ratio.text(mean), ratio.text(low)]
        }
        var rows = model.unitsByDistrict.enumerated().map { d, members in
            totals.sums[d].map(\.text) + [String(totals.bindingYears[d]), String(totals.unitsWithGap[d])] + ratios(members)
        }
        let all = totals.sums.reduce(Array(repeating: ScaledAmount(units: 0, precision: model.precision), count: money.count)) {
            zip($0, $1).map(+)
        }
        rows.append(
            all.map(\.text) + [String(totals.anyBindingYears), String(totals.unitsWithGap.reduce(0, +))]
                + ratios(Array(model.units.indices)))
        // Waves (model.md §20): the adoption year, empty when not adopted, on every row of the point.
        let waves = reform.waves.map { $0.adoptedIndex.map { String(model.horizon.year(at: $0)) } ?? "" }
        return rows.map { $0 + waves }
    }

    /// The Monte Carlo rows of a point's per-path horizon sums.
    public static func monteCarloRows(_ sums: PathHorizonSums, scenario: Scenario) -> [[String]] {
        let money = scenario.moneyRounding
        let ratio = scenario.ratioRounding
        let groups = scenario.districts.indices.map { [$0] } + [Array(scenario.districts.indices)]
        // Waves (model.md §20): share of paths adopting by the last year and the mean adoption year
        // over those paths (empty when none adopts), on every row of the point.
        let last = scenario.horizon.count - 1
        let waves = sums.waves.flatMap { wave in
            [ratio.text(wave.adoptedShare(throughYearIndex: last)),
             wave.meanAdoptionIndex.map { ratio.text(Double(scenario.horizon.firstYear) + $0) } ?? ""]
        }
        return groups.map { districts in
            let statistics = PointStatistics(sums, districts: districts)
            return statistics.money.flatMap { [$0.mean, $0.p05, $0.p50, $0.p95].map(money.text) } + [
                ratio.text(statistics.probabilityReformEffectNegative), ratio.text(statistics.probabilityCapacityBinding),
                ratio.text(statistics.unitsWithGapMean), statistics.meanSelfSufficiencyMean.map(ratio.text) ?? "",
            ] + waves
        }
    }
}
