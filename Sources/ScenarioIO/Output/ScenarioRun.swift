import FiscalModel
import Foundation

/// A loaded scenario run to the files of its run folder, in memory — the one path from a
/// scenario to output that `fiscal-sim run` (which then writes the folder) and `fiscal-sim test`
/// (which reads the tables back) share.
public struct ScenarioRun {
    /// The run cannot be made by this build.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What is missing and what to do.
        public var description: String
    }

    /// The engine's result.
    public let result: RunResult
    /// The run folder's files (`units.csv`, `districts.csv`, …, `run.json`) in writing order.
    public let files: [(name: String, data: Data)]

    /// Runs `loaded` and renders its files with `options`.
    public init(_ loaded: LoadedScenario, options: RunWriter.Options = RunWriter.Options()) throws {
        guard loaded.scenario.paths == 1 else {
            throw Unavailable(description: "Monte Carlo runs (paths > 1) are not available in this build yet; run with --paths 1")
        }
        let result = Simulation(loaded.scenario).runDeterministic()
        self.result = result
        self.files = try RunWriter(loaded: loaded, options: options).files(for: result)
    }

    /// The bytes of the file called `name`, if the run writes one.
    public func file(named name: String) -> Data? { files.first { $0.name == name }?.data }
}
