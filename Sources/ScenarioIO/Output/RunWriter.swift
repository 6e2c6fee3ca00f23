import FiscalModel
import Foundation

/// Writes a run's folder: the tables (`units.csv`, `districts.csv`, …, `brief.csv`), `run.json`
/// and `datapackage.json`.
public struct RunWriter {
    /// Output options.
    public struct Options: Sendable {
        /// Prefix every CSV with a UTF-8 byte-order mark so Excel shows Chinese names.
        public var excelBOM = false
        /// Write Chinese column headers (`--lang zh`) instead of the English ones.
        public var chineseHeaders = false
        /// Also write the planner's workbook `report.xlsx` (`--xlsx`, model.md §18).
        public var workbook = false
        /// Write the workbook in libxlsxwriter's constant-memory mode whatever its size
        /// (`nil`: by size).
        public var workbookConstantMemory: Bool?
        /// Rows per workbook sheet before a table continues on a numbered sheet (tests; Excel's
        /// 1,048,576 by default).
        public var workbookRowLimit = ReportWorkbook.excelRowLimit
        /// Write `waves.csv` even when no simulated variant has waves (header only): a shard of a
        /// run with waves whose districts another shard holds (model.md §16, §20).
        var wavesTable = false

        /// Default options.
        public init(excelBOM: Bool = false, chineseHeaders: Bool = false, workbook: Bool = false) {
            self.excelBOM = excelBOM
            self.chineseHeaders = chineseHeaders
            self.workbook = workbook
        }

        /// The workbook's language.
        var language: WorkbookLanguage { chineseHeaders ? .chinese : .english }
        /// Files listed in `run.json` after the CSVs.
        var extraFiles: [String] { ["run.json", "datapackage.json"] + (workbook ? [ReportWorkbook.fileName] : []) }
    }

    /// The loaded scenario.
    public let loaded: LoadedScenario
    /// Options.
    public let options: Options
    /// Told the rows of `units.csv` written so far, every few thousand (a progress line).
    public var progress: ((Int) -> Void)?

    /// Creates a writer.
    public init(loaded: LoadedScenario, options: Options = Options()) {
        self.loaded = loaded
        self.options = options
    }

    /// The files of `result`, in writing order.
    public func files(for result: RunResult) throws -> [(name: String, data: Data)] {
        try output(for: result).files
    }

    /// The files of the Monte Carlo `result` (model.md §9: the quantile tables instead of the wide ones).
    public func files(for result: MonteCarloResult) throws -> [(name: String, data: Data)] {
        try output(for: result).files
    }

    /// The files of `result` and, with `options.workbook`, its workbook.
    public func output(for result: RunResult) throws -> RunOutput {
        try output(for: RoundedRun(scenario: loaded.scenario, result: result))
    }

    /// The files of a run whose cells are already rounded and, with `options.workbook`, its workbook.
    public func output(for rounded: RoundedRun) throws -> RunOutput {
        let result = rounded.result
        let tables = ResultTables(rounded)
        let bom = options.excelBOM ? "\u{FEFF}" : ""
        var files: [(String, Data)] = [
            ("districts.csv", tables.districtsData(bom: options.excelBOM)),
            ("comparison.csv", ComparisonTable(rounded).data(bom: options.excelBOM)),
            ("groups.csv", Data((bom + GroupTable(scenario: loaded.scenario, result: result).csv()).utf8)),
            (BriefColumns.fileName, Data((bom + BriefTable.csv(DeterministicBrief.rows(scenario: loaded.scenario, result: result), scenario: loaded.scenario)).utf8)),
        ]
        let waves = WaveReport(scenario: loaded.scenario, result: result)
        if let waves { files.append((WaveReport.fileName, Data((bom + waves.csv()).utf8))) }
        // units.csv is rendered into the staged folder as it is written, unless the workbook
        // reads it too (issue 22).
        let streamed = RunFile(name: "units.csv", header: tables.unitsHeader(bom: options.excelBOM)) {
            [progress = ProgressRelay(progress)] sink in try tables.unitsRows(progress: progress.tell, into: sink)
        }
        let units = options.workbook ? streamed.inMemory : streamed
        var runFiles = [units] + files.map { RunFile(name: $0.0, data: $0.1) }
        var manifest = RunManifest(
            loaded: loaded, variants: result.variants.map(\.name), files: runFiles.map(\.name) + options.extraFiles,
            diagnostics: ["clampedTax": result.variants.reduce(0) { $0 + $1.clampedTax }])
        manifest.waves = waves?.manifestEntries
        runFiles.append(RunFile(name: "run.json", data: try manifest.encoded()))
        runFiles.append(RunFile(name: "datapackage.json", data: try DataPackage.make(
            files: runFiles.map(\.described), manifest: manifest, chineseHeaders: options.chineseHeaders)))
        let workbook = options.workbook
            ? ReportWorkbook.deterministic(
                rounded, manifest: manifest, csvs: Dictionary(uniqueKeysWithValues: runFiles.map { ($0.name, $0.data) }),
                language: options.language)
            : nil
        return finish(runFiles, workbook: workbook)
    }

    /// Writes `result` into `folder` atomically.
    public func write(_ result: RunResult, to folder: URL) throws {
        try RunFolder(folder).write(try output(for: result).entries)
    }

    /// The files of the Monte Carlo `result` and, with `options.workbook`, its workbook.
    public func output(for result: MonteCarloResult) throws -> RunOutput {
        let tables = QuantileTables(scenario: loaded.scenario, result: result)
        let bom: [UInt8] = options.excelBOM ? [0xEF, 0xBB, 0xBF] : []
        // units_quantiles.csv is rendered into the staged folder as it is written, unless the
        // workbook reads it too.
        let streamed = RunFile(name: "units_quantiles.csv", header: tables.unitsHeader(bom: options.excelBOM)) { sink in
            try tables.unitsRows(into: sink)
        }
        let units = options.workbook ? streamed.inMemory : streamed
        var files: [(String, Data)] = [("districts_quantiles.csv", tables.districtsData(bom: options.excelBOM))]
        // A shard (its brief keeps the partials) writes its districts' brief rows; merge adds
        // the all rows from brief-partials.bin.
        let shardPartials = result.brief.flatMap { $0.keepsPartials ? BriefPartials($0) : nil }
        files.append((BriefColumns.fileName, Data(bom) + Data(MonteCarloBrief.csv(
            scenario: loaded.scenario, result: result, withAllRows: shardPartials == nil).utf8)))
        let waves = WaveReport(scenario: loaded.scenario, result: result)
        if waves != nil || options.wavesTable {
            files.append((WaveReport.fileName, Data(bom + Array((waves?.csv() ?? WaveReport.header).utf8))))
        }
        var runFiles = [units] + files.map { RunFile(name: $0.0, data: $0.1) }
        var manifest = RunManifest(
            loaded: loaded, variants: result.variants, files: runFiles.map(\.name) + options.extraFiles,
            diagnostics: ["clampedTax": result.clampedTax, "paths": result.paths])
        manifest.waves = waves?.manifestEntries
        runFiles.append(RunFile(name: "run.json", data: try manifest.encoded()))
        runFiles.append(RunFile(name: "datapackage.json", data: try DataPackage.make(
            files: runFiles.map(\.described), manifest: manifest, chineseHeaders: options.chineseHeaders)))
        if let shardPartials { runFiles.append(RunFile(name: BriefPartials.fileName, data: shardPartials.encoded())) }
        let workbook = options.workbook
            ? ReportWorkbook.monteCarlo(
                scenario: loaded.scenario, result: result, manifest: manifest,
                csvs: Dictionary(uniqueKeysWithValues: runFiles.map { ($0.name, $0.data) }), language: options.language)
            : nil
        return finish(runFiles, workbook: workbook)
    }

    private func finish(_ files: [RunFile], workbook: ReportWorkbook?) -> RunOutput {
        var workbook = workbook
        workbook?.constantMemory = options.workbookConstantMemory
        workbook?.rowLimit = options.workbookRowLimit
        guard options.chineseHeaders else { return RunOutput(runFiles: files, workbook: workbook) }
        let translated = files.map { $0.changingHeader(ChineseHeaders.apply) }
        // The workbook reads the translated CSVs (their English header given apart), so a large
        // table is not held twice.
        if var book = workbook {
            book.tables = book.tables.map { table in
                var table = table
                table.englishHeader = CSVRecords.header(table.csv)
                table.csv = translated.first { $0.name == table.file }?.data ?? table.csv
                return table
            }
            workbook = book
        }
        return RunOutput(runFiles: translated, workbook: workbook)
    }

    /// Writes the Monte Carlo `result` into `folder` atomically.
    public func write(_ result: MonteCarloResult, to folder: URL) throws {
        try RunFolder(folder).write(try output(for: result).entries)
    }
}
