/// The columns of `brief.csv` (简报, model.md §22) and what each means, for `datapackage.json` and
/// the Chinese headers.
public enum BriefColumns {
    /// The file name.
    public static let fileName = "brief.csv"

    /// A deterministic run's columns.
    public static let deterministic = [
        "variant", "district", "reform_effect_total", "loss_years", "worst_year", "worst_reform_effect",
        "worst_share_of_revenue", "payback_year", "capacity_binding_years", "min_capacity_factor", "present_value",
        "units_with_gap", "gap_units", "gap_total", "uncovered_tasks",
    ]

    /// The per-path totals a Monte Carlo brief summarises, in column order.
    public static let monteCarloMeasures = ["reform_effect_total", "present_value"]
    /// The statistics of each measure.
    public static let monteCarloStatistics = ["mean", "p05", "p50", "p95"]

    /// A Monte Carlo run's columns.
    public static let monteCarlo = ["variant", "district"]
        + monteCarloMeasures.flatMap { m in monteCarloStatistics.map { "\(m)_\($0)" } }
        + ["prob_total_negative", "prob_any_loss_year", "prob_capacity_binding", "worst_year_mode", "units_with_gap_mean"]

    /// Columns whose name means something else in another file (`sweep.csv` counts its
    /// capacity-binding years; `brief.csv` lists them).
    static let ownMeaning: [String: ColumnCatalog.Entry] = [
        "capacity_binding_years": .init(kind: .string, description: "Years in which the capacity limit binds (capacity factor < 1), ';'-separated", chinese: "承受能力约束年份"),
    ]

    /// The entry of `column` as `brief.csv` means it.
    static func entry(for column: String) -> ColumnCatalog.Entry { ownMeaning[column] ?? ColumnCatalog.entry(for: column) }

    /// The entry of `column` of the CSV `file`.
    static func entry(for column: String, in file: String) -> ColumnCatalog.Entry {
        file == fileName ? entry(for: column) : ColumnCatalog.entry(for: column)
    }

    /// Descriptions of the brief's columns (the key columns and `units_with_gap` are the
    /// catalogue's own).
    static let entries: [String: ColumnCatalog.Entry] = {
        var entries: [String: ColumnCatalog.Entry] = [
            "reform_effect_total": .init(kind: .money, description: "Sum of the rounded yearly reform_effect cells of districts.csv (the all row: over districts); negative means extra pressure on the district", chinese: "改革效应合计"),
            "loss_years": .init(kind: .string, description: "Years whose rounded reform effect is negative, ';'-separated", chinese: "减收年份"),
            "worst_year": .init(kind: .integer, description: "Year of the lowest rounded reform effect (earliest on ties)", chinese: "最差年份"),
            "worst_reform_effect": .init(kind: .money, description: "The lowest rounded yearly reform effect", chinese: "最差年改革效应"),
            "worst_share_of_revenue": .init(kind: .ratio, description: "The worst year's reform effect over the district's counterfactual net revenue that year (unrounded values)", chinese: "最差年占收入比"),
            "payback_year": .init(kind: .integer, description: "First year from which the cumulative reform effect stays ≥ 0 to the end; empty when it ends below 0", chinese: "回本年份"),
            "min_capacity_factor": .init(kind: .ratio, description: "Lowest capacity factor over the horizon (1 when never binding)", chinese: "最低承受能力系数"),
            "present_value": .init(kind: .money, description: "Σ reform effect(t)·(1+discountRate)^−(t−base year) of the unrounded values, rounded once", chinese: "改革效应现值"),
            "gap_units": .init(kind: .string, description: "Names of the units with a negative rounded gap in the last year, in file order, ';'-separated", chinese: "缺口街道"),
            "gap_total": .init(kind: .money, description: "Sum of the gap units' rounded last-year gaps", chinese: "缺口合计"),
            "uncovered_tasks": .init(kind: .string, description: "unit name:fee category pairs whose fee coverage F/Q is below 1 in the last year, ';'-separated", chinese: "未覆盖任务"),
            "prob_total_negative": .init(kind: .ratio, description: "Share of paths whose cumulative reform effect over the horizon is negative", chinese: "改革效应为负概率"),
            "prob_any_loss_year": .init(kind: .ratio, description: "Share of paths with at least one year of negative reform effect", chinese: "出现亏损年概率"),
            "prob_capacity_binding": .init(kind: .ratio, description: "Share of paths on which the capacity limit binds (φ < 1) in some year", chinese: "承受能力约束概率"),
            "worst_year_mode": .init(kind: .integer, description: "The year most often the worst (lowest reform effect) over paths, earliest on ties", chinese: "最常见最差年份"),
            "units_with_gap_mean": .init(kind: .number, description: "Mean over paths of the units with a gap (unrounded gap < 0) in the last year", chinese: "缺口街道数均值"),
        ]
        let statistics = ["mean": "均值", "p05": "5%分位数", "p50": "中位数", "p95": "95%分位数"]
        for measure in monteCarloMeasures {
            let base = entries[measure]!
            for (statistic, chinese) in statistics {
                entries["\(measure)_\(statistic)"] = .init(
                    kind: .money, description: "\(statistic) over paths of the per-path \(measure) (unrounded per-path values)",
                    chinese: base.chinese + chinese)
            }
        }
        return entries
    }()
}
