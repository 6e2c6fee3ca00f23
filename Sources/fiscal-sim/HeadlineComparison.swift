import ArgumentParser
import FiscalModel
import ScenarioIO

/// Language of the output CSV headers (`--lang`).
enum HeaderLanguage: String, ExpressibleByArgument, CaseIterable {
    /// English, the contract.
    case en
    /// Chinese labels.
    case zh
}

/// The headline comparison `run` prints (from `comparison.csv`): per variant and district, net
/// revenue over the horizon and its difference against the counterfactual and `reform`, and the
/// units with a gap and mean self-sufficiency in the last year.
struct HeadlineComparison {
    let scenario: Scenario
    let result: RunResult

    func render() -> String {
        let table = ComparisonTable(scenario: scenario, result: result)
        let rows = table.rows()
        let names = result.variants.map(\.name)
        let counterfactual = names.firstIndex(of: Variant.counterfactualName)
        let reform = names.firstIndex(of: Variant.reformName)
        let end = scenario.horizon.endYear
        let ratio = MoneyRounding(precision: 4, rule: scenario.rounding)
        let header = [
            "variant", "district", "net revenue", "vs counterfactual", "vs reform", "units with gap \(end)",
            "mean self-sufficiency \(end)",
        ]
        var lines: [[String]] = []
        for (v, name) in names.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                func total(_ index: Int?) -> ScaledAmount? {
                    index.map { rows[$0][d].reduce(ScaledAmount(units: 0, precision: scenario.precision)) { $0 + $1.netRevenue } }
                }
                let mine = total(v)!
                let last = rows[v][d].last!
                lines.append([
                    name, district.name, mine.text, total(counterfactual).map { (mine - $0).text } ?? "",
                    total(reform).map { (mine - $0).text } ?? "", "\(last.unitsWithGap) of \(scenario.unitsByDistrict[d].count)",
                    last.meanSelfSufficiency.map(ratio.text) ?? "",
                ])
            }
        }
        let title = "Headline comparison (comparison.csv): net revenue \(scenario.horizon.firstYear)–\(end), \(scenario.currency) \(scenario.moneyUnit)"
        return title + "\n" + TextTable(header: header, rows: lines, rightAligned: Set(2..<header.count)).render()
    }
}
