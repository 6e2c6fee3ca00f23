import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `--shard I/K | auto | auto/K` as usage errors (exit 2) when it cannot be used.
enum ShardOption {
    /// The parsed value.
    static func parse(_ text: String) throws -> ShardSelection {
        do {
            return try ShardSelection(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The shard `text` names (Slurm array variables for `auto`).
    static func resolve(_ text: String) throws -> Shard {
        do {
            return try parse(text).resolve(environment: ProcessInfo.processInfo.environment)
        } catch let error as ShardSelection.Problem {
            throw ValidationError(error.description)
        }
    }

    /// The shard a run with `paths` paths simulates: a Monte Carlo run only.
    static func resolve(_ text: String, paths: Int) throws -> Shard {
        let shard = try resolve(text)
        if paths <= 1 {
            throw ValidationError("--shard needs a Monte Carlo run (paths > 1; give --paths N or set paths: in the scenario); a deterministic run is one quick job: run it without --shard")
        }
        return shard
    }
}
