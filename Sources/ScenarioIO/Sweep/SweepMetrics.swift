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
    /// points of a sweep: it depends on the tax-growth policy alone).
    static func deterministicRows(
        _ scenario: Scenario, baselines: DeterministicBaselines
    ) throws(ProjectionLimitViolation) -> [[String]] {
        var model = scenario
        model.variants = []
        let reform = Projection.run(
            CompiledPolicy(model.reform, of: model, counterfactual: false), name: Variant.reformName,
            counterfactualNetRevenue: try baselines.net(model), limits: ProjectionGuard(model),
            waves: WaveTracker(model.reform, of: model, paths: 1))
        if let violation = reform.limitViolation { throw violation }
        let written = ComparisonTable(scenario: model, result: RunResult(variants: [reform])).rows()[0]
        let money = model.moneyRounding
        let ratio = model.ratioRounding
        let zero = ScaledAmount(units: 0, precision: model.precision)
        let groups = model.unitsByDistrict
        let years = model.horizon.count
        var totals = Array(repeating: zero, count: Self.money.count)
        var gaps = 0
        var rows: [[String]] = []
        func ratios(_ units: [Int]) -> [String] {
            let values = units.compactMap { reform.units.selfSufficiency(unit: $0, year: years - 1) }
            guard let low = values.min() else { return ["", ""] }
            return [ratio.text(values.reduce(0, +) / Double(values.count)), ratio.text(low)]
        }
        for d in groups.indices {
            let cells = written[d]
            let district = reform.districts[d]
            let sums = [
                cells.reduce(zero) { $0 + $1.rebates }, cells.reduce(zero) { $0 + $1.netRevenue },
                district.reduce(zero) { $0 + money.round($1.counterfactualNetRevenue) },
                district.reduce(zero) { $0 + money.round($1.reformEffect) },
                cells.reduce(zero) { $0 + $1.feesTransferred }, cells.reduce(zero) { $0 + $1.donationsAllocated },
            ]
            totals = zip(totals, sums).map(+)
            gaps += cells[years - 1].unitsWithGap
            let binding = district.filter { $0.capacityFactor < 1 }.count
            rows.append(sums.map(\.text) + [String(binding), String(cells[years - 1].unitsWithGap)] + ratios(groups[d]))
        }
        let bindingYears = (0..<years).filter { y in reform.districts.contains { $0[y].capacityFactor < 1 } }.count
        rows.append(totals.map(\.text) + [String(bindingYears), String(gaps)] + ratios(Array(model.units.indices)))
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
