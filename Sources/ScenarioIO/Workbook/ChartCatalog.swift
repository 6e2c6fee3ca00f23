import FiscalModel

/// The charts model.md §18 lists as issue 21 changed them, built from the run's tables: deterministic
/// runs — per district, net revenue against the counterfactual (line) and the reform effect
/// (column) by variant and year, and per street the last year's gap, self-sufficiency and the
/// roll-out year (`StreetCharts`); Monte Carlo runs — per district and variant, reform effect
/// p05 / p50 / p95 by year.
struct ChartCatalog {
    /// The scenario (district names, years, money unit).
    let scenario: Scenario
    /// The workbook's language.
    let language: WorkbookLanguage

    private var years: [Int] { Array(scenario.horizon.years) }
    private var yearLabels: [String] { years.map(String.init) }
    var moneyAxis: String { "\(scenario.currency) \(scenario.moneyUnit)" }
    private var yearAxis: String { language.header("year") }

    func districtName(_ id: String) -> String {
        scenario.districts.first { $0.id == id }?.name ?? id
    }

    func title(_ english: String, _ metric: String, _ district: String) -> String {
        language.pick("\(english), \(districtName(district))", "\(districtName(district))：\(language.header(metric))")
    }

    private func perVariant(_ table: ReadTable, metric: String, district: String, variants: [String]) -> [ChartSpec.Series] {
        variants.map { .init(name: $0, values: table.series(metric, years: years, where: ["variant": $0, "district": district])) }
    }

    /// The deterministic charts from `districts.csv`, `comparison.csv` and `units.csv`: per
    /// district, net revenue against the counterfactual (line) and the reform effect (column) by
    /// year, then per street by name the last year's gap and self-sufficiency and the year it
    /// adopts (columns), one series per variant.
    func deterministic(districts: WorkbookTable, comparison: WorkbookTable, units: WorkbookTable) -> [ChartSpec] {
        let districtTable = ReadTable(districts)
        let comparisonTable = ReadTable(comparison)
        let variants = districtTable.distinct("variant")
        let adopting = variants.filter { $0 != Variant.counterfactualName }
        let streets = StreetCharts(catalog: self, units: ReadTable(units, rowsWhere: "year", equals: String(scenario.horizon.endYear)),
                                   allUnits: ReadTable(units, rowsWhere: "adopted", equals: "true"))
        return districtTable.distinct("district").flatMap { district -> [ChartSpec] in
            [
                ChartSpec(
                    kind: .line, title: title("Net revenue against the counterfactual by variant", "net_revenue_vs_counterfactual", district),
                    valueAxis: moneyAxis, categoryAxis: yearAxis, categories: yearLabels,
                    series: perVariant(comparisonTable, metric: "net_revenue_vs_counterfactual", district: district, variants: adopting)
                        .map { .init(name: display($0.name), values: $0.values) },
                    style: .money),
                ChartSpec(
                    kind: .column, title: title("Reform effect by variant", "reform_effect", district), valueAxis: moneyAxis, categoryAxis: yearAxis,
                    categories: yearLabels,
                    series: perVariant(districtTable, metric: "reform_effect", district: district, variants: adopting)
                        .map { .init(name: display($0.name), values: $0.values) },
                    style: .money),
            ] + streets.charts(district: district, variants: variants)
        }
    }

    /// A variant as people name it.
    func display(_ variant: String) -> String {
        VariantTitle.display(variant, language: language, titles: scenario.variantTitles)
    }

    /// The Monte Carlo charts from `districts_quantiles.csv`.
    func monteCarlo(quantiles: WorkbookTable) -> [ChartSpec] {
        let table = ReadTable(quantiles)
        let variants = table.distinct("variant").filter { $0 != Variant.counterfactualName }
        return table.distinct("district").flatMap { district in
            variants.map { variant in
                ChartSpec(
                    kind: .line,
                    title: language.pick(
                        "Reform effect p05 / p50 / p95, \(variant), \(districtName(district))",
                        "\(districtName(district))：改革效应 5% / 50% / 95% 分位数（\(variant)）"),
                    valueAxis: moneyAxis, categoryAxis: yearAxis, categories: yearLabels,
                    series: ["p05", "p50", "p95"].map { statistic in
                        .init(name: language.header(statistic), values: table.series(
                            statistic, years: years, where: ["variant": variant, "district": district, "metric": "reform_effect"]))
                    },
                    style: .money)
            }
        }
    }
}

extension ChartCatalog {
    /// The sweep charts from `sweep.csv` (model.md §15.1, issue 21): per district and `all`, against
    /// the values of the first swept lever, the reform effect, the capacity-binding years (Monte
    /// Carlo: the probability that capacity binds) and the streets with a gap (Monte Carlo: their
    /// mean) — one series per combination of the other levers' values (so each chart's cells are
    /// the pivot of a two-lever grid); in a Monte Carlo sweep with one lever the reform effect's
    /// p05 / p50 / p95. Levers are named by `LeverLabel`.
    func sweep(_ csv: WorkbookTable) -> [ChartSpec] {
        let table = ReadTable(csv)
        guard let first = table.index("point_name").map({ $0 + 1 }), let district = table.index("district"), first < district
        else { return [] }
        let swept = Array(table.header[first..<district])
        let axis = swept[0]
        let values = table.distinct(axis)
        let monteCarlo = table.index("reform_effect") == nil
        let others = table.rows.map { row in swept.dropFirst().map { row[table.index($0)!] } }
        var combinations: [[String]] = []
        for combination in others where !combinations.contains(combination) { combinations.append(combination) }
        let lever = LeverLabel.text(axis, language: language)
        let metrics: [(column: String, english: String, chinese: String, style: CellStyle)] = monteCarlo
            ? [("reform_effect_p50", "Reform effect (median)", "改革效应（中位数）", .money),
               ("prob_capacity_binding", "Probability that capacity binds", "承受能力约束概率", .ratio),
               ("units_with_gap_mean", "Streets with a gap (mean)", "缺口街道数（均值）", .number)]
            : [("reform_effect", "Reform effect", "改革效应", .money),
               ("capacity_binding_years", "Capacity-binding years", "承受能力约束年数", .number),
               ("units_with_gap", "Streets with a gap", "缺口街道数", .number)]
        return table.distinct("district").flatMap { id in
            let place = id == "all" ? language.pick("all districts", "全部区") : districtName(id)
            return metrics.map { metric in
                var series: [ChartSpec.Series]
                if monteCarlo && combinations.count == 1 && metric.style == .money {
                    series = ["p05", "p50", "p95"].map { statistic in
                        .init(name: language.header(statistic), values: table.series(
                            "reform_effect_\(statistic)", by: axis, at: values, where: ["district": id]))
                    }
                } else {
                    series = combinations.map { combination in
                        let filter = Dictionary(uniqueKeysWithValues: zip(swept.dropFirst(), combination)).merging(["district": id]) { $1 }
                        let name = zip(swept.dropFirst(), combination)
                            .map { "\(LeverLabel.text($0, language: language)) = \($1)" }.joined(separator: ", ")
                        return .init(name: name.isEmpty ? language.pick(metric.english, metric.chinese) : name,
                                     values: table.series(metric.column, by: axis, at: values, where: filter))
                    }
                }
                let isMoney = metric.style == .money
                return ChartSpec(
                    kind: isMoney ? .line : .column,
                    title: language.pick("\(metric.english) against \(lever), \(place)", "\(place)：\(metric.chinese)随\(lever)变化"),
                    valueAxis: isMoney ? moneyAxis : language.pick(metric.english, metric.chinese), categoryAxis: lever,
                    categories: values, series: series, style: metric.style, categoryStyle: .number)
            }
        }
    }
}
