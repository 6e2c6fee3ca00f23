import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `fiscal-sim sweep SCENARIO (--grid PATH=VALUES)... | --design FILE.csv`: runs every point of
/// a grid or design and writes `sweep.csv`, `sweep.json` and `datapackage.json` (SPEC §15.1).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid or design of parameter values and tabulate the totals per point.",
        discussion: """
            Each point is the scenario with its values set like a variant's `set` (dotted paths, \
            ids, list indices such as rebate.bands.0.rate, years such as \
            lineFees.greening.transferShare.2028). Several --grid options form the Cartesian \
            product, the first varying slowest. The whole sweep is checked before any point runs.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp("A swept path and its values: PATH=V1,V2,… or PATH=LO:HI:N (N ≥ 2 evenly spaced values).", valueName: "PATH=VALUES"))
    var grid: [String] = []

    @Option(help: ArgumentHelp("A design file: optional first column `point` (names), then one dotted path per column, one row per point.", valueName: "FILE.csv"))
    var design: String?

    @OptionGroup var common: SearchOptions

    @Option(help: "Worker threads (default: all cores; the output does not depend on it).")
    var threads: Int?

    @Option(help: "The output folder (default: out/<name>-sweep/).")
    var out: String?

    @Flag(help: "Also write the planner's workbook sweep.xlsx (the Sweep sheet and the reform effect against the first swept path per district, as native charts).")
    var xlsx = false

    @Option(help: "Sheet names and headers of sweep.xlsx: en (default) or zh.")
    var lang: HeaderLanguage = .en

    @Flag(help: "No progress on standard error.")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Evaluate one shard of the points, p with (p − 1) mod K = I: I/K, auto (a Slurm array task) or auto/K; combine the shard folders with `fiscal-sim merge`.",
        valueName: "I/K|auto|auto/K"))
    var shard: String?

    func validate() throws {
        if grid.isEmpty == (design == nil) {
            throw ValidationError(grid.isEmpty ? "give --grid PATH=VALUES (one or more) or --design FILE.csv" : "--grid and --design cannot be combined; use one of them")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1; found \(threads)") }
        try common.check()
        if let shard { _ = try ShardOption.parse(shard) }
        if shard != nil, xlsx {
            throw ValidationError("--xlsx cannot be combined with --shard: a shard holds only part of the tables, and merge does not build workbooks yet; write the workbook from a run on one machine, or open the merged CSVs")
        }
    }

    func run() throws {
        let part = try shard.map { try ShardOption.resolve($0) }
        let threads = self.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let template = try ScenarioTemplate(path: scenario, variant: common.variant, settings: CommandLineSet.parse(common.settings))
        for warning in template.loaded.warnings { Terminal.printError(warning.description) }
        let definition: SweepDefinition
        if let design {
            let data: Data
            do {
                data = try InputFile.read(design)
            } catch {
                throw InputError([Diagnostic(file: design, message: "cannot read the design file: \(InputFile.reason(error)); check the path")])
            }
            definition = try SweepDefinition.design(data, file: design)
        } else {
            definition = try SweepDefinition.grid(grid)
        }
        let plan = try SweepPlan(template: template, definition: definition, paths: common.paths, seed: common.seed, threads: threads)
        let name = "out/\(template.loaded.scenario.name)-sweep"
        let folder = try OutputTarget(
            out: out, default: part.map { "\(name)-shard-\($0.index)-of-\($0.count)" } ?? name,
            inputs: template.loaded.inputFiles + [design].compactMap { $0 }).folder
        let evaluator = SweepEvaluator(plan, threads: threads)
        try MemoryCheck().checkSweep(bytesPerPoint: evaluator.bytesPerPoint, paths: plan.paths, file: scenario)
        let numbers = part?.points(of: plan.definition.points.count) ?? Array(1...plan.definition.points.count)
        let progress = ProgressLine(enabled: !quiet && Terminal.stderrIsTerminal, label: "sweep", unit: "point")
        let rows: [[[String]]]
        do {
            rows = try evaluator.rows(of: numbers) { done, total in progress.update(done, of: total) }
            progress.finish()
        } catch {
            progress.finish()
            throw ToolFailure(message: error.description)
        }
        let table = SweepTable(plan)
        do {
            let files = try SweepFolder.files(plan, numbers: numbers, rows: rows, grid: grid, shard: part, workbook: xlsx)
            var entries = files.map { RunFolder.Entry.file(name: $0.name, data: $0.data) }
            if xlsx, let csv = files.first(where: { $0.name == "sweep.csv" })?.data {
                let workbook = ReportWorkbook.sweep(
                    loaded: template.loaded, sweepCSV: csv, paths: plan.paths, seed: plan.seed,
                    language: lang == .zh ? .chinese : .english)
                entries.append(.produced(name: ReportWorkbook.sweepFileName) { try workbook.write(to: $0) })
            }
            try RunFolder(folder).write(entries)
        } catch {
            throw ToolFailure(message: "\(error)")
        }
        print("\(plan.definition.points.count) points × \(table.districts.count) rows (\(plan.isMonteCarlo ? "\(plan.paths) paths" : "deterministic"))")
        let written = ["sweep.csv", "sweep.json", "datapackage.json"] + (xlsx ? ["sweep.xlsx"] : []) + (part == nil ? [] : ["shard.json"])
        print("Wrote \(folder.path)/ (\(written.joined(separator: ", ")))")
    }
}

/// Options `sweep` and `solve` share.
struct SearchOptions: ParsableArguments {
    @Option(help: "Start every point from this variant's `set` (default: the scenario as written).")
    var variant: String?

    @Option(help: "Monte Carlo paths (default: the scenario's `paths`; > 1 makes a Monte Carlo sweep).")
    var paths: Int?

    @Option(help: "Random seed (default: the scenario's `seed`); every point uses the same draws.")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change the scenario as written before the points, like a variant's set (repeatable), e.g. --set rebate.bands.0.rate=0.35.", valueName: "PATH=VALUE"))
    var settings: [String] = []

    /// Usage errors in these options.
    func check() throws {
        if let paths, paths < 1 { throw ValidationError("--paths must be at least 1; found \(paths)") }
    }
}
