import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `--shard I/K | auto | auto/K` (分片, model.md §16), shared by `run` and `sweep`: checked once as a
/// usage error (exit 2) when it cannot be read.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Compute one shard: I/K (0 ≤ I < K), auto (a Slurm array task) or auto/K — of run, a Monte Carlo run's share of the districts; of sweep, the points p with (p − 1) mod K = I. Combine the shard folders with `fiscal-sim merge`.",
        valueName: "I/K|auto|auto/K"))
    var shard: String?

    func validate() throws {
        if let shard { _ = try Self.parse(shard) }
    }

    /// Refuses `--shard` with `--xlsx` (usage error).
    func check(workbook: Bool) throws {
        if shard != nil, workbook {
            throw ValidationError("--xlsx cannot be combined with --shard: a shard holds only part of the tables, and merge does not build workbooks yet; write the workbook from a run on one machine, or open the merged CSVs")
        }
    }

    /// The shard asked for (Slurm array variables for `auto`), if any.
    func resolve() throws -> Shard? {
        guard let shard else { return nil }
        do {
            return try Self.parse(shard).resolve(environment: ProcessInfo.processInfo.environment)
        } catch let error as ShardSelection.Problem {
            throw ValidationError(error.description)
        }
    }

    /// The shard a run with `paths` paths simulates: a Monte Carlo run only.
    func resolve(paths: Int) throws -> Shard? {
        guard let shard = try resolve() else { return nil }
        if paths <= 1 {
            throw ValidationError("--shard needs a Monte Carlo run (paths > 1; give --paths N or set paths: in the scenario); a deterministic run is one quick job: run it without --shard")
        }
        return shard
    }

    private static func parse(_ text: String) throws -> ShardSelection {
        do {
            return try ShardSelection(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
