import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `fiscal-sim sweep SCENARIO (--grid PATH=VALUES)... | --design FILE.csv`: runs every point of
/// a grid or design and writes `sweep.csv`, `sweep.json` and `datapackage.json` (model.md §15.1).
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

    @OptionGroup var search: SearchOptions
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var output: OutputFolderOption
    @OptionGroup var workbook: WorkbookFlag
    @OptionGroup var language: LanguageOption
    @OptionGroup var quiet: QuietFlag
    @OptionGroup var shard: ShardOption

    func validate() throws {
        if grid.isEmpty == (design == nil) {
            throw ValidationError(grid.isEmpty ? "give --grid PATH=VALUES (one or more) or --design FILE.csv" : "--grid and --design cannot be combined; use one of them")
        }
        try shard.check(workbook: workbook.xlsx)
    }

    func run() throws {
        var options = SweepRun.Options(
            scenario: scenario, points: design.map { .design($0) } ?? .grid(grid), variant: search.variant,
            paths: search.draws.paths, seed: search.draws.seed, threads: threads.count, shard: try shard.resolve(),
            workbook: workbook.xlsx ? language.workbook : nil)
        options.settings = try search.settings.parsed()
        let prepared = try SweepRun.prepare(options, warn: { Terminal.printError($0.description) })
        let folder = try output.folder(default: prepared.defaultFolder, inputs: prepared.inputFiles)
        let sweep = try quiet.progress(label: "sweep", unit: "point").tracking { try prepared.run(progress: $0) }
        try RunFolder(folder).write(sweep.entries)
        for line in sweep.summary(folder: folder.path, language: language.workbook) { print(line) }
    }
}
