/// The workbook's roll-out wave charts (推开批次图, model.md §20, issue 19), from `waves.csv`: by
/// year, the share of paths on which each wave has adopted — one line per variant × wave — and,
/// when some path abandons a wave, the share abandoned. A deterministic run's shares are 0 or 1:
/// its lines step from 0 to 1 in the adoption year.
struct WaveCharts {
    /// The catalogue (scenario, language, variant names).
    let catalog: ChartCatalog
    /// Whether the run is Monte Carlo (the titles speak of paths).
    let monteCarlo: Bool

    /// The charts of `waves` (the run's `waves.csv`).
    func charts(_ waves: WorkbookTable) -> [ChartSpec] {
        let table = ReadTable(waves)
        guard let v = table.index("variant"), let w = table.index("wave") else { return [] }
        var pairs: [[String]] = []
        for row in table.rows where !pairs.contains([row[v], row[w]]) { pairs.append([row[v], row[w]]) }
        guard !pairs.isEmpty else { return [] }
        let language = catalog.language
        let years = Array(catalog.scenario.horizon.years)
        let axis = monteCarlo ? language.pick("share of paths", "路径比例") : language.pick("1 = yes, 0 = no", "1 = 是，0 = 否")
        func chart(_ column: String, _ english: String, _ chinese: String) -> ChartSpec {
            var spec = ChartSpec(
                kind: .line, title: language.pick(english, chinese), valueAxis: axis,
                categoryAxis: language.header("year"), categories: years.map(String.init),
                series: pairs.map { pair in
                    .init(name: language.pick("\(catalog.display(pair[0])), wave \(pair[1])", "\(catalog.display(pair[0]))：批次 \(pair[1])"),
                          values: table.series(column, years: years, where: ["variant": pair[0], "wave": pair[1]]))
                },
                style: .ratio)
            spec.valueMinimum = 0
            spec.valueMaximum = 1
            return spec
        }
        var charts = [
            monteCarlo
                ? chart("adopted_share", "Roll-out waves: share of paths adopted by each year", "各推开批次：截至各年已推开的路径比例")
                : chart("adopted_share", "Roll-out waves: adopted by each year (1 = adopted)", "各推开批次：截至各年是否已推开（1 = 已推开）"),
        ]
        let abandoned = table.index("abandoned_share").map { c in table.rows.contains { (Double($0[c]) ?? 0) > 0 } } ?? false
        if abandoned {
            charts.append(monteCarlo
                ? chart("abandoned_share", "Roll-out waves: share of paths abandoned by each year", "各推开批次：截至各年已放弃的路径比例")
                : chart("abandoned_share", "Roll-out waves: abandoned by each year (1 = abandoned)", "各推开批次：截至各年是否已放弃（1 = 已放弃）"))
        }
        return charts
    }
}
