import FiscalModel

/// The workbook's charts per street of a district (issue 21): the last year's gap (财力缺口) and
/// self-sufficiency of each street by name, and the roll-out — the year each street adopts —
/// one column series per variant, from `units.csv`.
struct StreetCharts {
    /// The catalogue (scenario, language, titles).
    let catalog: ChartCatalog
    /// `units.csv`'s rows of the last year.
    let units: ReadTable
    /// `units.csv`'s rows of adopted unit-years.
    let allUnits: ReadTable
    /// Districts with more streets than this get no street charts (the bars would be unreadable).
    static let maximumStreets = 60

    /// The three street charts of `district` for `variants` (the counterfactual adopts nothing,
    /// so the roll-out chart leaves it out).
    func charts(district: String, variants: [String]) -> [ChartSpec] {
        let members = catalog.scenario.units.filter { catalog.scenario.districts[$0.districtIndex].id == district }
        guard members.count <= Self.maximumStreets else { return [] }
        let names = members.map(\.name), ids = members.map(\.id)
        let end = catalog.scenario.horizon.endYear
        let language = catalog.language
        func perStreet(_ table: ReadTable, _ column: String, _ variant: String, _ value: ([String]) -> Double?) -> [Double?] {
            guard let u = table.index("unit"), let v = table.index("variant"), let c = table.index(column) else { return ids.map { _ in nil } }
            var found: [String: Double] = [:]
            for row in table.rows where row[v] == variant {
                if found[row[u]] == nil, let number = value(row) ?? Double(row[c]) { found[row[u]] = number }
            }
            return ids.map { found[$0] }
        }
        func series(_ table: ReadTable, _ column: String, _ shown: [String], _ value: @escaping ([String]) -> Double? = { _ in nil }) -> [ChartSpec.Series] {
            shown.map { .init(name: catalog.display($0), values: perStreet(table, column, $0, value)) }
        }
        let streetAxis = language.header("unit_name")
        let adopting = variants.filter { $0 != Variant.counterfactualName }
        let yearIndex = allUnits.index("year")
        var rollout = ChartSpec(
            kind: .column,
            title: language.pick(
                "Roll-out: the year each street adopts, \(catalog.districtName(district))", "\(catalog.districtName(district))：各街道实施年份（推开进度）"),
            valueAxis: language.pick("year", "年份"), categoryAxis: streetAxis, categories: names,
            series: series(allUnits, "year", adopting) { row in yearIndex.flatMap { Double(row[$0]) } }, style: .number)
        rollout.valueMinimum = Double(catalog.scenario.horizon.baseYear)
        return [
            ChartSpec(
                kind: .column, title: catalog.title("Gap by street in \(end) (negative: short of money)", "gap", district),
                valueAxis: catalog.moneyAxis, categoryAxis: streetAxis, categories: names, series: series(units, "gap", variants),
                style: .money),
            ChartSpec(
                kind: .column, title: catalog.title("Self-sufficiency by street in \(end) (below 1: short)", "self_sufficiency", district),
                valueAxis: language.pick("ratio", "比率"), categoryAxis: streetAxis, categories: names,
                series: series(units, "self_sufficiency", variants), style: .ratio),
            rollout,
        ]
    }
}
