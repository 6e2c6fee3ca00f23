import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `fiscal-sim run [SCENARIO]`: projects the scenario and writes the run folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario (default: the shipped Siming pilot) and write its run folder."
    )

    @Argument(help: "The scenario file (YAML). Without it, the shipped Siming scenario runs.")
    var scenario: String?

    @OptionGroup var output: OutputFolderOption
    @OptionGroup var draws: DrawOptions
    @OptionGroup var settings: SettingsOption
    @OptionGroup var threads: ThreadsOption

    @Flag(help: "Write CSVs with a UTF-8 byte-order mark so Excel shows Chinese names.")
    var excel = false

    @OptionGroup var language: LanguageOption
    @OptionGroup var workbook: WorkbookFlag

    @Flag(help: .hidden)
    var xlsxConstantMemory = false

    @Option(help: .hidden)
    var xlsxSheetRows: Int?

    @OptionGroup var quiet: QuietFlag
    @OptionGroup var shard: ShardOption

    @Flag(help: .hidden)
    var profile = false

    func validate() throws {
        try shard.check(workbook: workbook.xlsx)
    }

    func run() throws {
        var loaded = try ScenarioSource.load(
            scenario, settings: settings.parsed(), progress: quiet.progress(label: "reading the units file", unit: "row"))
        if let paths = draws.paths { for warning in loaded.setPaths(paths) { Terminal.printError(warning.description) } }
        if let seed = draws.seed { loaded.scenario.seed = seed }
        let model = loaded.scenario
        let part = try shard.resolve(paths: model.paths)
        let folder = try output.folder(
            default: part.map { "out/\(model.name)-shard-\($0.index)-of-\($0.count)" } ?? "out/\(model.name)",
            inputs: loaded.inputFiles)
        let started = Date()
        var options = RunWriter.Options(excelBOM: excel, chineseHeaders: language.lang == .zh, workbook: workbook.xlsx)
        if xlsxConstantMemory { options.workbookConstantMemory = true }
        if let xlsxSheetRows { options.workbookRowLimit = max(2, xlsxSheetRows) }
        let progressLine = model.paths > 1 || part != nil
            ? quiet.progress(label: "\(model.paths) paths") : quiet.progress(label: "deterministic run", unit: "unit-year")
        var writing = 0.0
        let run = try progressLine.tracking { progress in
            let run = try ScenarioRun(loaded, options: options, threads: threads.threads, shard: part, progress: progress)
            let rendered = Date()
            try RunFolder(folder).write(run.entries)
            writing = Date().timeIntervalSince(rendered)
            return run
        }
        if profile, case let .monteCarlo(result) = run.outcome {
            let t = result.timings
            let cells = Double(result.paths * model.units.count * model.horizon.count * result.simulatedRuns)
            let total = Date().timeIntervalSince(started)
            let rest = total - t.shocks - t.simulation - t.statistics
            Terminal.printError(String(
                format: "profile: shocks %.3f s, simulation %.3f s (%.1f M unit-year-paths/s per simulated run, %d runs), statistics %.3f s, tables and writing %.3f s, total %.3f s (of which setup %.3f s, tables %.3f s, writing the folder %.3f s)",
                t.shocks, t.simulation, cells / t.simulation / 1e6, result.simulatedRuns,
                t.statistics, rest, total, t.setup, rest - t.setup - writing, writing))
        }
        switch run.outcome {
        case let .deterministic(result):
            print(BriefSummary.text(scenario: model, result: result, language: language.workbook))
            print("")
            let rounded = run.rounded ?? RoundedRun(scenario: model, result: result)
            print(TextTable.render(RunSummary.totals(rounded), language: language.workbook))
            print("")
            print(TextTable.render(RunSummary.headline(rounded), language: language.workbook))
            printWaves(WaveReport(scenario: model, result: result))
        case let .monteCarlo(result):
            print(BriefSummary(scenario: run.simulated, result: result, language: language.workbook).text(language.workbook))
            print("")
            print(TextTable.render(RunSummary.monteCarlo(scenario: run.simulated, result: result), language: language.workbook))
            printWaves(WaveReport(scenario: run.simulated, result: result))
        }
        let written = run.entries.map(\.name).joined(separator: ", ")
        print(language.lang == .zh ? "已写入 \(folder.path)/（\(written)）" : "Wrote \(folder.path)/ (\(written))")
    }

    /// The evidence-gated roll-out's lines (model.md §20), after the tables.
    private func printWaves(_ report: WaveReport?) {
        guard let report else { return }
        print("")
        print(language.lang == .zh ? "按试点成效推开（waves.csv）：" : "Evidence-gated roll-out (waves.csv):")
        for line in report.summaryLines(language: language.workbook) { print("  " + line) }
    }
}
