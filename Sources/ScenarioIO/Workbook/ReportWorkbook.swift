import FiscalModel
import Foundation

/// The planner's workbook (model.md §18): `report.xlsx` of a run folder — About, Summary, one sheet
/// per CSV of the folder with the same columns and rows, and native charts — written with
/// libxlsxwriter. The same inputs write the same bytes (a fixed creation time).
public struct ReportWorkbook: Sendable {
    /// The file name in the run folder.
    public static let fileName = "report.xlsx"
    /// The file name in a sweep's folder.
    public static let sweepFileName = "sweep.xlsx"
    /// Excel's rows per sheet.
    public static let excelRowLimit = 1_048_576
    /// Above this many table cells the workbook is written in libxlsxwriter's constant-memory
    /// mode (rows streamed to a temporary file), so it needs about one row of memory per sheet.
    public static let constantMemoryCells = 250_000

    /// The run's manifest (About).
    public var manifest: RunManifest
    /// The language of sheet names, headers and notes.
    public var language: WorkbookLanguage
    /// The printed summaries (Summary).
    public var summaries: [SummaryGrid]
    /// The CSVs, one sheet each, in sheet order.
    public var tables: [WorkbookTable]
    /// The charts (Charts).
    public var charts: [ChartSpec]
    /// The brief's rows and sentences (the Brief sheet, model.md §22), if the run has a brief sheet.
    public var brief: BriefSummary?
    /// The listed variants' `title:`s by name (About names the variants by them).
    public var variantTitles: [String: String] = [:]
    /// Rows per sheet, header included, before a table continues on a numbered sheet.
    public var rowLimit = Self.excelRowLimit
    /// Constant-memory mode: `nil` chooses by size (`constantMemoryCells`).
    public var constantMemory: Bool?

    /// A workbook of these parts.
    public init(manifest: RunManifest, language: WorkbookLanguage, summaries: [SummaryGrid], tables: [WorkbookTable], charts: [ChartSpec]) {
        self.manifest = manifest
        self.language = language
        self.summaries = summaries
        self.tables = tables
        self.charts = charts
    }

    /// The workbook of a deterministic run: the summary and headline comparison, then
    /// Comparison, Districts, Units and Groups, and Waves when the run has waves (`csvs`: the
    /// folder's English-header CSVs).
    public static func deterministic(
        _ rounded: RoundedRun, manifest: RunManifest, csvs: [String: Data], language: WorkbookLanguage
    ) -> ReportWorkbook {
        let (scenario, result) = (rounded.scenario, rounded.result)
        let tables = ["comparison.csv", "districts.csv", "units.csv", "groups.csv"].compactMap { name in
            csvs[name].map { WorkbookTable(file: name, csv: $0, names: displayNames(scenario)) }
        }
        let catalog = ChartCatalog(scenario: scenario, language: language)
        let charts = catalog.deterministic(districts: tables[1], comparison: tables[0], units: tables[2])
        var book = ReportWorkbook(
            manifest: manifest, language: language,
            summaries: [RunSummary.totals(rounded), RunSummary.headline(rounded)],
            tables: tables, charts: charts)
        book.brief = BriefSummary(scenario: scenario, result: result, language: language)
        book.variantTitles = scenario.variantTitles
        book.addWaves(csvs: csvs, scenario: scenario, monteCarlo: false)
        return book
    }

    /// The workbook of a Monte Carlo run: its summary, then the two quantile tables, and Waves
    /// when the run has waves.
    public static func monteCarlo(
        scenario: Scenario, result: MonteCarloResult, manifest: RunManifest, csvs: [String: Data], language: WorkbookLanguage
    ) -> ReportWorkbook {
        let tables = ["districts_quantiles.csv", "units_quantiles.csv"].compactMap { name in
            csvs[name].map { WorkbookTable(file: name, csv: $0, names: displayNames(scenario)) }
        }
        let charts = ChartCatalog(scenario: scenario, language: language).monteCarlo(quantiles: tables[0])
        var book = ReportWorkbook(
            manifest: manifest, language: language, summaries: [RunSummary.monteCarlo(scenario: scenario, result: result)],
            tables: tables, charts: charts)
        book.brief = BriefSummary(scenario: scenario, result: result, language: language)
        book.variantTitles = scenario.variantTitles
        book.addWaves(csvs: csvs, scenario: scenario, monteCarlo: true)
        return book
    }

    /// The names of the scenario's districts and units by id, shown beside the ids on the
    /// table sheets.
    static func displayNames(_ scenario: Scenario) -> [String: [String: String]] {
        [
            "district": Dictionary(scenario.districts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
            "unit": Dictionary(scenario.units.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
        ]
    }

    /// The sheet names of each table: one, or more when it continues past `rowLimit` rows.
    public func tableSheetNames() -> [[String]] { sheetNames(rows: tables.map(\.rowCount)) }

    private func sheetNames(rows: [Int]) -> [[String]] {
        zip(tables, rows).map { table, rows in
            let parts = max(1, (rows + rowLimit - 2) / (rowLimit - 1))
            return (1...parts).map { SheetNames.part(SheetNames.table(table.file).name(language), $0) }
        }
    }

    /// The workbook of a sweep (`sweep.xlsx`, model.md §15.1, §18): About, the printed `summaries`
    /// if any, the Sweep sheet (`sweep.csv` with its English header), and the reform effect
    /// against the first swept path per district. `paths` and `seed` are the sweep's.
    public static func sweep(
        loaded: LoadedScenario, sweepCSV: Data, paths: Int, seed: UInt64, summaries: [SummaryGrid] = [],
        language: WorkbookLanguage
    ) -> ReportWorkbook {
        var manifest = RunManifest(
            loaded: loaded, variants: [Variant.reformName], files: ["sweep.csv", "sweep.json", "datapackage.json", "sweep.xlsx"],
            diagnostics: [:])
        manifest.paths = paths
        manifest.seed = seed
        let header = CSVRecords.header(sweepCSV)
        var districts = displayNames(loaded.scenario)["district"] ?? [:]
        districts[DeterministicBrief.allDistricts] = language.pick("all districts", "全区合计")
        let table = WorkbookTable(
            file: "sweep.csv", csv: sweepCSV, keyColumns: (header.firstIndex(of: "district") ?? 0) + 1, names: ["district": districts])
        return ReportWorkbook(
            manifest: manifest, language: language, summaries: summaries, tables: [table],
            charts: ChartCatalog(scenario: loaded.scenario, language: language).sweep(table))
    }

    /// Writes the workbook to `url` (a file libxlsxwriter creates; the caller makes it part of
    /// the run folder's atomic write).
    public func write(to url: URL) throws {
        let rows = tables.map(\.rowCount)
        let names = sheetNames(rows: rows)
        let cells = zip(tables, rows).reduce(0) { total, pair in
            total + pair.1 * CSVRecords.header(pair.0.csv).count
        }
        let workbook = try XlsxWorkbook(
            url: url, title: "\(manifest.name) — fiscal-sim", constantMemory: constantMemory ?? (cells > Self.constantMemoryCells))
        let formats = NumberFormats(precision: manifest.precision)
        var contents: [(names: [String], holds: String)] = [
            ([SheetNames.about.name(language)], SheetNames.about.description(language)),
        ]
        if brief != nil { contents.append(([SheetNames.brief.name(language)], SheetNames.brief.description(language))) }
        if !summaries.isEmpty { contents.append(([SheetNames.summary.name(language)], SheetNames.summary.description(language))) }
        contents += zip(tables, names).map { table, names in (names, SheetNames.table(table.file).description(language)) }
        if !charts.isEmpty { contents.append(([SheetNames.charts.name(language)], SheetNames.charts.description(language))) }
        try AboutSheet(manifest: manifest, language: language, sheets: contents, rowLimit: rowLimit, variantTitles: variantTitles)
            .write(into: workbook)
        let unit = "\(manifest.currency) \(manifest.unit)"
        if let brief {
            try BriefSheet(brief: brief, language: language, moneyUnit: unit, formats: formats).write(into: workbook)
        }
        if !summaries.isEmpty { try SummarySheet(grids: summaries, language: language, formats: formats).write(into: workbook) }
        for (table, names) in zip(tables, names) {
            try TableSheetWriter(names: names, rowLimit: rowLimit, language: language, formats: formats, moneyUnit: unit)
                .write(table, into: workbook)
        }
        try ChartSheet(charts: charts, language: language, formats: formats).write(into: workbook)
        try workbook.close()
    }
}
