import FiscalModel
import Foundation

/// Feeds arbitrary bytes through what the tool does with a user's files — read, validate, run
/// and render in memory — for the fuzz targets (`Fuzz/`) and the regression tests of what they
/// found. Every outcome but a crash or a hang is fine: a validated scenario, diagnostics, or a
/// computed-value limit.
public enum UntrustedInput {
    /// What happened to an input.
    public enum Outcome: Sendable, Equatable {
        /// Loaded and ran (`paths` is what ran: 1, or a few Monte Carlo paths).
        case ran(paths: Int)
        /// Rejected as invalid input (exit 2 on the command line).
        case invalid(diagnostics: Int)
        /// Stopped at a computed-value limit (exit 1).
        case limit(String)
    }

    /// The most Monte Carlo paths a fuzzed scenario runs (enough to take every code path).
    public static let fuzzPaths = 3

    /// `bytes` as a scenario file, next to the shipped units file (every other file it names
    /// reads as that units file).
    @discardableResult
    public static func scenario(_ bytes: Data) -> Outcome {
        let files = ScenarioFiles { path in
            path == "fuzz/scenario.yaml" ? bytes : Data(PackageResources.siming_streets_csv)
        }
        return load("fuzz/scenario.yaml", files: files)
    }

    /// `bytes` as the units file of the shipped scenario.
    @discardableResult
    public static func unitsFile(_ bytes: Data) -> Outcome {
        let files = ScenarioFiles { path in
            path == ShippedScenario.path ? Data(PackageResources.siming_pilot_yaml) : bytes
        }
        return load(ShippedScenario.path, files: files)
    }

    /// `bytes` as a pinned test file (`fiscal-sim test`), read and checked.
    @discardableResult
    public static func pinFile(_ bytes: Data) -> Outcome {
        do {
            let file = try PinFileReader(path: "fuzz/pin.yaml").read(String(decoding: bytes, as: UTF8.self))
            return .ran(paths: file.cases.count)
        } catch {
            return .invalid(diagnostics: error.diagnostics.count)
        }
    }

    private static func load(_ path: String, files: ScenarioFiles) -> Outcome {
        do {
            var loaded = try ScenarioLoader(files: files).load(path)
            let paths = min(loaded.scenario.paths, fuzzPaths)
            loaded.scenario.paths = 1
            _ = try ScenarioRun(loaded, threads: 1)
            if paths > 1 {
                loaded.scenario.paths = paths
                _ = try ScenarioRun(loaded, threads: 1)
            }
            return .ran(paths: paths)
        } catch let error as InputError {
            return .invalid(diagnostics: error.diagnostics.count)
        } catch let error as ProjectionLimitViolation {
            return .limit(error.description)
        } catch {
            return .limit("\(error)")
        }
    }
}
