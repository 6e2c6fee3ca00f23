import FiscalModel
import Foundation

/// A loaded scenario run to the files of its run folder, in memory — the one path from a
/// scenario to output that `fiscal-sim run` (which then writes the folder) and `fiscal-sim test`
/// (which reads the tables back) share.
public struct ScenarioRun {
    /// What the engine produced: a deterministic projection (paths = 1) or Monte Carlo
    /// statistics (paths > 1).
    public enum Outcome {
        /// The deterministic projection.
        case deterministic(RunResult)
        /// The Monte Carlo summary.
        case monteCarlo(MonteCarloResult)
    }

    /// The engine's result.
    public let outcome: Outcome
    /// The scenario the engine ran: the loaded one, or a shard's districts of it.
    public let simulated: Scenario
    /// The run folder's files (`units.csv`, `districts.csv`, …, `run.json`; the quantile tables
    /// for Monte Carlo runs) in writing order; a deterministic run's `units.csv` is rendered when
    /// written or asked for (issue 22).
    public let runFiles: [RunFile]
    /// Every file's bytes in writing order (`units.csv` rendered into memory on each call).
    public var files: [(name: String, data: Data)] { runFiles.map { ($0.name, $0.data) } }
    /// The workbook (`report.xlsx`), if the options ask for it.
    public let workbook: ReportWorkbook?

    /// Everything the run folder holds, for `RunFolder.write(_:)`.
    public var entries: [RunFolder.Entry] { RunOutput(runFiles: runFiles, workbook: workbook).entries }

    /// The deterministic run's rounded cells, shared by its files and summaries (`nil` for a
    /// Monte Carlo run).
    public let rounded: RoundedRun?

    /// The deterministic result (`nil` for a Monte Carlo run).
    public var result: RunResult? {
        if case let .deterministic(result) = outcome { return result }
        return nil
    }

    /// Runs `loaded` and renders its files with `options`. Monte Carlo runs use `threads`
    /// worker threads (default: all cores; the output does not depend on it) and report
    /// `progress(done, total)` after each projected year. With `shard` (a Monte Carlo run
    /// only, model.md §16) it simulates that shard's districts and adds `shard.json`. Throws
    /// `ProjectionLimitViolation` when a computed value goes beyond model.md §19's limits (nothing is
    /// rendered then), and an `InputError` when the run (the shard) would not fit in memory.
    /// A Monte Carlo run asks `shouldStop` before each year and throws `RunStopped` once it
    /// answers `true`.
    public init(
        _ loaded: LoadedScenario, options: RunWriter.Options = RunWriter.Options(), threads: Int? = nil,
        shard: Shard? = nil, progress: ((Int, Int) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
    ) throws {
        let scenario = loaded.scenario
        var writer = RunWriter(loaded: loaded, options: options)
        if let shard, scenario.paths <= 1 {
            throw ShardSelection.Problem(description: "--shard \(shard) needs a Monte Carlo run (paths > 1); a deterministic run is one quick job: run it without --shard")
        }
        if scenario.paths > 1 {
            let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let part = shard.map { ScenarioShard(scenario, shard: $0) }
            let simulation = part.map { MonteCarloSimulation($0.scenario, draws: $0.draws) } ?? MonteCarloSimulation(scenario)
            simulated = simulation.scenario
            try MemoryCheck().check(simulated, paths: scenario.paths, threads: threads, file: loaded.path)
            var shardOptions = options
            shardOptions.wavesTable = part != nil && WavePlan.linkedDistricts(of: scenario) != nil
            writer = RunWriter(loaded: loaded.simulating(simulated), options: shardOptions)
            let unchecked = simulation.run(
                paths: scenario.paths, seed: scenario.seed,
                threads: threads, progress: progress, shouldStop: shouldStop
            )
            if shouldStop?() == true { throw RunStopped() }
            let result = try unchecked.checked()
            outcome = .monteCarlo(result)
            rounded = nil
            let output = try writer.output(for: result)
            var files = output.runFiles
            if let shard {
                let manifest = try ShardManifest.file(for: loaded, options: options, shard: shard, files: output.files)
                files.append(RunFile(name: manifest.name, data: manifest.data))
            }
            (runFiles, workbook) = (files, output.workbook)
        } else {
            simulated = scenario
            // Progress in unit-years: every variant simulated, then every row of units.csv written.
            let rows = scenario.units.count * scenario.horizon.count
            let total = 2 * rows * (scenario.policyVariants.count + 1)
            let result = try Simulation(scenario).runDeterministic { done, _ in progress?(done * rows, total) }.checked()
            writer.progress = progress.map { progress in { written in progress(total / 2 + written, total) } }
            outcome = .deterministic(result)
            let rounded = RoundedRun(scenario: scenario, result: result)
            self.rounded = rounded
            let output = try writer.output(for: rounded)
            (runFiles, workbook) = (output.runFiles, output.workbook)
        }
    }

    /// The bytes of the file called `name`, if the run writes one.
    public func file(named name: String) -> Data? { runFiles.first { $0.name == name }?.data }
}
