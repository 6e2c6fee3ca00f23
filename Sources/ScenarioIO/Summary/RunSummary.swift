import FiscalModel

/// The summaries `run` prints: per variant and district, totals over the projected years
/// (deterministic: sums of the yearly `districts.csv` cells, so a planner summing that column
/// in Excel gets the same figure), the headline comparison (from `comparison.csv`) and, for a
/// Monte Carlo run, the means over paths.
public enum RunSummary {
    private static func keyColumns() -> [SummaryGrid.Column] {
        [.init("variant", column: "variant"), .init("district", column: "district")]
    }

    private static func span(_ scenario: Scenario) -> String {
        "\(scenario.horizon.firstYear)–\(scenario.horizon.endYear)"
    }

    /// The deterministic summary: rebates, fees transferred, donations allocated and reform
    /// effect over the horizon, and the units still short of funds in the last year.
    public static func totals(scenario: Scenario, result: RunResult) -> SummaryGrid {
        totals(RoundedRun(scenario: scenario, result: result))
    }

    /// The deterministic summary of a run whose cells are already rounded.
    public static func totals(_ rounded: RoundedRun) -> SummaryGrid {
        let (scenario, result) = (rounded.scenario, rounded.result)
        let money = scenario.moneyRounding
        let end = scenario.horizon.endYear
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        let written = rounded.comparisonRows
        var rows: [[SummaryGrid.Cell]] = []
        for (v, variant) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                let years = variant.districts[d]
                let cells = written[v][d]
                let members = scenario.unitsByDistrict[d]
                let short = members.filter { (variant.units[$0].last?.gap ?? 0) < 0 }.count
                rows.append([
                    .text(scenario.displayName(ofVariant: variant.name)), .text(district.name),
                    .money(years.reduce(zero) { $0 + money.round($1.rebates) }.text),
                    .money(cells.reduce(zero) { $0 + $1.feesTransferred }.text),
                    .money(cells.reduce(zero) { $0 + $1.donationsAllocated }.text),
                    .money(years.reduce(zero) { $0 + money.round($1.reformEffect) }.text),
                    .fraction(short, of: members.count),
                ])
            }
        }
        return SummaryGrid(
            title: "\(scenario.name): totals \(span(scenario)), \(scenario.currency) \(scenario.moneyUnit)",
            chineseTitle: "\(scenario.name)：\(span(scenario))年合计，\(scenario.currency) \(scenario.moneyUnit)",
            columns: keyColumns() + [
                .init("rebates", column: "rebates"), .init("fees transferred", column: "fees_transferred"),
                .init("donations allocated", column: "donations_allocated"), .init("reform effect", column: "reform_effect"),
                .init("units with gap ", column: "units_with_gap", suffix: "\(end)"),
            ],
            rows: rows)
    }

    /// The headline comparison: per variant and district, net revenue over the horizon, the
    /// reform effect against its counterfactual (Σ of the rounded `reform_effect` cells, the
    /// figure the brief and the totals print), the difference against `reform`, and the units with a gap and mean
    /// self-sufficiency in the last year.
    public static func headline(scenario: Scenario, result: RunResult) -> SummaryGrid {
        headline(RoundedRun(scenario: scenario, result: result))
    }

    /// The headline comparison of a run whose cells are already rounded.
    public static func headline(_ rounded: RoundedRun) -> SummaryGrid {
        let (scenario, result, rows) = (rounded.scenario, rounded.result, rounded.comparisonRows)
        let names = result.variants.map(\.name)
        let counterfactual = names.firstIndex(of: Variant.counterfactualName)
        let reform = names.firstIndex(of: Variant.reformName)
        let end = scenario.horizon.endYear
        let ratio = MoneyRounding(precision: 4, rule: scenario.rounding)
        var lines: [[SummaryGrid.Cell]] = []
        for (v, name) in names.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                func total(_ index: Int?) -> ScaledAmount? {
                    index.map { rows[$0][d].reduce(ScaledAmount(units: 0, precision: scenario.precision)) { $0 + $1.netRevenue } }
                }
                let mine = total(v)!
                let last = rows[v][d].last!
                func difference(_ other: Int?) -> SummaryGrid.Cell { total(other).map { .money((mine - $0).text) } ?? .empty }
                // Against the counterfactual: the reform effect as the brief and the totals
                // print it (Σ of the rounded districts.csv cells), so the three agree.
                let effect = result.variants[v].districts[d].reduce(ScaledAmount(units: 0, precision: scenario.precision)) {
                    $0 + scenario.moneyRounding.round($1.reformEffect)
                }
                lines.append([
                    .text(scenario.displayName(ofVariant: name)), .text(district.name), .money(mine.text), counterfactual == nil ? .empty : .money(effect.text),
                    difference(reform),
                    .fraction(last.unitsWithGap, of: scenario.unitsByDistrict[d].count),
                    last.meanSelfSufficiency.map { .ratio(ratio.text($0)) } ?? .empty,
                ])
            }
        }
        return SummaryGrid(
            title: "Headline comparison (comparison.csv): net revenue \(span(scenario)), \(scenario.currency) \(scenario.moneyUnit)",
            chineseTitle: "主要对比（comparison.csv）：\(span(scenario))年净收入，\(scenario.currency) \(scenario.moneyUnit)",
            columns: keyColumns() + [
                .init("net revenue", column: "net_revenue"),
                .init("vs counterfactual", "较反事实"), .init("vs reform", "较改革方案"),
                .init("units with gap ", column: "units_with_gap", suffix: "\(end)"),
                .init("mean self-sufficiency ", column: "mean_self_sufficiency", suffix: "\(end)"),
            ],
            rows: lines)
    }

    /// The Monte Carlo summary: per variant and district, the means over paths of totals over
    /// the projected years, the 5 % quantile of the last year's reform effect, and the units
    /// whose mean gap in the last year is negative.
    public static func monteCarlo(scenario: Scenario, result: MonteCarloResult) -> SummaryGrid {
        let money = scenario.moneyRounding
        let horizon = scenario.horizon
        let last = horizon.count - 1
        var rows: [[SummaryGrid.Cell]] = []
        for (v, name) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                func total(_ metric: DistrictYearColumn) -> SummaryGrid.Cell {
                    .money(money.text((0..<horizon.count).reduce(0) { $0 + result.statistics(variant: v, district: d, year: $1, metric: metric)[0] }))
                }
                let members = scenario.unitsByDistrict[d]
                let short = members.filter { result.statistics(variant: v, unit: $0, year: last, metric: .gap)[0] < 0 }
                rows.append([
                    .text(scenario.displayName(ofVariant: name)), .text(district.name), total(.rebates), total(.feesTransferred), total(.donationsAllocated),
                    total(.reformEffect),
                    .money(money.text(result.statistics(variant: v, district: d, year: last, metric: .reformEffect)[1])),
                    .fraction(short.count, of: members.count),
                ])
            }
        }
        let end = horizon.endYear
        return SummaryGrid(
            title: "\(scenario.name): \(result.paths) paths (seed \(result.seed)), totals \(span(scenario)), \(scenario.currency) \(scenario.moneyUnit)",
            chineseTitle: "\(scenario.name)：\(result.paths)条路径（种子 \(result.seed)），\(span(scenario))年合计，\(scenario.currency) \(scenario.moneyUnit)",
            columns: keyColumns() + [
                .init("rebates (mean)", "返还总额（均值）"), .init("fees transferred", column: "fees_transferred"),
                .init("donations allocated (mean)", "募集资金下拨（均值）"), .init("reform effect (mean)", "改革效应（均值）"),
                .init("reform effect \(end) p05", "改革效应\(end) 5%分位数"),
                .init("units with mean gap \(end)", "平均缺口街道数\(end)"),
            ],
            rows: rows)
    }
}
