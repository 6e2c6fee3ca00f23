import FiscalModel
import ScenarioIO

/// The table `run` prints for a Monte Carlo run: per variant and district, the means over paths
/// of totals over the projected years, the 5 % quantile of the last year's reform effect, and
/// the units whose mean gap in the last year is negative.
struct MonteCarloSummaryTable {
    let scenario: Scenario
    let result: MonteCarloResult

    func render() -> String {
        let money = scenario.moneyRounding
        let horizon = scenario.horizon
        let last = horizon.count - 1
        let header = [
            "variant", "district", "rebates (mean)", "fees transferred", "donations allocated (mean)",
            "reform effect (mean)", "reform effect \(horizon.endYear) p05", "units with mean gap \(horizon.endYear)",
        ]
        var rows: [[String]] = []
        for (v, name) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                func total(_ metric: DistrictMetric) -> Double {
                    (0..<horizon.count).reduce(0) { $0 + result.statistics(variant: v, district: d, year: $1, metric: metric)[0] }
                }
                let members = scenario.unitsByDistrict[d]
                let short = members.filter { result.statistics(variant: v, unit: $0, year: last, metric: .gap)[0] < 0 }
                rows.append([
                    name, district.name, money.text(total(.rebates)), money.text(total(.feesTransferred)),
                    money.text(total(.donationsAllocated)), money.text(total(.reformEffect)),
                    money.text(result.statistics(variant: v, district: d, year: last, metric: .reformEffect)[1]),
                    "\(short.count) of \(members.count)",
                ])
            }
        }
        let title = "\(scenario.name): \(result.paths) paths (seed \(result.seed)), totals \(horizon.firstYear)–\(horizon.endYear), \(scenario.currency) \(scenario.moneyUnit)"
        return title + "\n" + TextTable(header: header, rows: rows, rightAligned: Set(2..<header.count)).render()
    }
}
