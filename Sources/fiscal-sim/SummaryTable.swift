import FiscalModel
import ScenarioIO

/// The table `run` prints: per variant and district, totals over the projected years and the
/// units still short of funds in the last year. Each total is the sum of the yearly cells of
/// `districts.csv`, so it matches what a planner gets by summing that column in Excel.
struct SummaryTable {
    let scenario: Scenario
    let result: RunResult

    func render() -> String {
        let money = scenario.moneyRounding
        let horizon = scenario.horizon
        let header = [
            "variant", "district", "rebates", "fees transferred", "donations allocated", "reform effect",
            "units with gap \(horizon.endYear)",
        ]
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        let written = ComparisonTable(scenario: scenario, result: result).rows()
        var rows: [[String]] = []
        for (v, variant) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                let years = variant.districts[d]
                let cells = written[v][d]
                let members = scenario.unitsByDistrict[d]
                let short = members.filter { (variant.units[$0].last?.gap ?? 0) < 0 }.count
                rows.append([
                    variant.name, "\(district.name)",
                    years.reduce(zero) { $0 + money.round($1.rebates) }.text,
                    cells.reduce(zero) { $0 + $1.feesTransferred }.text,
                    cells.reduce(zero) { $0 + $1.donationsAllocated }.text,
                    years.reduce(zero) { $0 + money.round($1.reformEffect) }.text,
                    "\(short) of \(members.count)",
                ])
            }
        }
        let title = "\(scenario.name): totals \(horizon.firstYear)–\(horizon.endYear), \(scenario.currency) \(scenario.moneyUnit)"
        return title + "\n" + TextTable(header: header, rows: rows, rightAligned: Set(2..<header.count)).render()
    }
}

/// A plain-text table whose columns line up with Chinese (double-width) text.
struct TextTable {
    let header: [String]
    let rows: [[String]]
    let rightAligned: Set<Int>

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
