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

    @Option(help: "The run folder itself (default: out/<name>/ in the current directory).")
    var out: String?

    @Option(help: "Monte Carlo paths (overrides the scenario's `paths`).")
    var paths: Int?

    @Option(help: "Random seed (overrides the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Write CSVs with a UTF-8 byte-order mark so Excel shows Chinese names.")
    var excel = false

    @Option(help: "Column headers: en (default, the contract) or zh (Chinese headers for planners).")
    var lang: HeaderLanguage = .en

    @Flag(help: "Also write the planner's workbook report.xlsx (sheets per table, number formats, native charts; sheet names and headers in the --lang language).")
    var xlsx = false

    @Flag(help: .hidden)
    var xlsxConstantMemory = false

    @Option(help: .hidden)
    var xlsxSheetRows: Int?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Run one shard of a Monte Carlo run: I/K (0 ≤ I < K), auto (a Slurm array task) or auto/K; combine the shard folders with `fiscal-sim merge`.",
        valueName: "I/K|auto|auto/K"))
    var shard: String?

    @Flag(help: .hidden)
    var profile = false

    func validate() throws {
        if let paths, paths < 1 { throw ValidationError("--paths must be at least 1; found \(paths)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1; found \(threads)") }
        if let shard { _ = try ShardOption.parse(shard) }
        if shard != nil, xlsx {
            throw ValidationError("--xlsx cannot be combined with --shard: a shard holds only part of the tables, and merge does not build workbooks yet; write the workbook from a run on one machine, or open the merged CSVs")
        }
    }

    func run() throws {
        var loaded = try ScenarioSource.load(scenario)
        if let paths { loaded.scenario.paths = paths }
        if let seed { loaded.scenario.seed = seed }
        let model = loaded.scenario
        let part = try shard.map { try ShardOption.resolve($0, paths: model.paths) }
        let folder = URL(fileURLWithPath: out ?? part.map { "out/\(model.name)-shard-\($0.index)-of-\($0.count)" } ?? "out/\(model.name)")
        let progress = ProgressLine(enabled: !quiet && Terminal.stderrIsTerminal, label: "\(model.paths) paths")
        let started = Date()
        let run: ScenarioRun
        do {
            var options = RunWriter.Options(excelBOM: excel, chineseHeaders: lang == .zh, workbook: xlsx)
            if xlsxConstantMemory { options.workbookConstantMemory = true }
            if let xlsxSheetRows { options.workbookRowLimit = max(2, xlsxSheetRows) }
            run = try ScenarioRun(loaded, options: options, threads: threads, shard: part) { done, total in
                progress.update(done, of: total)
            }
            progress.finish()
            try RunFolder(folder).write(run.entries)
        } catch let error as InputError {
            // Found before anything was allocated (the memory estimate): invalid input, exit 2.
            progress.finish()
            throw error
        } catch {
            progress.finish()
            throw ToolFailure(message: "\(error)")
        }
        if profile, case let .monteCarlo(result) = run.outcome {
            let t = result.timings
            let cells = Double(result.paths * model.units.count * model.horizon.count * result.simulatedRuns)
            let total = Date().timeIntervalSince(started)
            Terminal.printError(String(
                format: "profile: shocks %.3f s, simulation %.3f s (%.1f M unit-year-paths/s per simulated run, %d runs), statistics %.3f s, tables and writing %.3f s, total %.3f s",
                t.shocks, t.simulation, cells / t.simulation / 1e6, result.simulatedRuns,
                t.statistics, total - t.shocks - t.simulation - t.statistics, total))
        }
        switch run.outcome {
        case let .deterministic(result):
            print(TextTable.render(RunSummary.totals(scenario: model, result: result)))
            print("")
            print(TextTable.render(RunSummary.headline(scenario: model, result: result)))
            printWaves(WaveReport(scenario: model, result: result))
        case let .monteCarlo(result):
            print(TextTable.render(RunSummary.monteCarlo(scenario: run.simulated, result: result)))
            printWaves(WaveReport(scenario: run.simulated, result: result))
        }
        print("Wrote \(folder.path)/ (\(run.entries.map(\.name).joined(separator: ", ")))")
    }

    /// The evidence-gated roll-out's lines (SPEC §20), after the tables.
    private func printWaves(_ report: WaveReport?) {
        guard let report else { return }
        print("")
        print("Evidence-gated roll-out (waves.csv):")
        for line in report.summaryLines() { print("  " + line) }
    }
}
