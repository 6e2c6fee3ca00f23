import FiscalModel

/// `brief.csv` of a Monte Carlo run (model.md §22): per reported variant, a row per district in
/// declared order and the variant's `all` row, each summarising the per-path values of
/// `PathBrief` — the reform effect's total and present value (mean, p05, p50, p95 as §15.1),
/// the shares of paths whose total is negative, that lose in some year, on which the capacity
/// limit binds, the year most often the worst and the mean number of streets with a gap.
public enum MonteCarloBrief {
    /// The text of one row's cells after `variant, district`.
    static func cells(_ row: PathBrief.Row, baseYear: Int, money: MoneyRounding) -> [String] {
        let ratio = MoneyRounding(precision: OutputColumns.ratioPrecision, rule: money.rule)
        let paths = Double(row.total.count)
        var fields: [String] = []
        for values in [row.total, row.presentValue] {
            let summary = PathSummary(values)
            fields += [summary.mean, summary.p05, summary.p50, summary.p95].map(money.text)
        }
        func share(_ flags: [Bool]) -> String { ratio.text(Double(flags.filter { $0 }.count) / paths) }
        fields += [share(row.total.map { $0 < 0 }), share(row.anyLoss), share(row.binding)]
        var counts: [Int: Int] = [:]
        for year in row.worstYear { counts[year, default: 0] += 1 }
        let mode = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key ?? 0
        fields.append(String(baseYear + 1 + mode))
        fields.append(ratio.text(Double(row.unitsWithGap.reduce(0, +)) / paths))
        return fields
    }

    /// `brief.csv` of `result` as text; a shard's (`withAllRows` false) holds its districts' rows only.
    public static func csv(scenario: Scenario, result: MonteCarloResult, withAllRows: Bool = true) -> String {
        var csv = CSVText()
        csv.append(BriefColumns.monteCarlo)
        guard let brief = result.brief else { return csv.text }
        let base = scenario.horizon.baseYear
        for (v, name) in result.variants.dropFirst().enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                csv.append([name, district.id] + cells(brief.districts[v][d], baseYear: base, money: scenario.moneyRounding))
            }
            if withAllRows {
                csv.append([name, DeterministicBrief.allDistricts] + cells(brief.all[v], baseYear: base, money: scenario.moneyRounding))
            }
        }
        return csv.text
    }
}
