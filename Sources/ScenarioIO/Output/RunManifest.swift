import FiscalModel
import Foundation

/// `run.json`: what produced a run folder (SPEC §9).
public struct RunManifest: Codable, Sendable, Equatable {
    /// Always `fiscal-sim`.
    public var tool = "fiscal-sim"
    /// Tool version.
    public var version = ToolVersion.current
    /// Scenario name.
    public var name: String
    /// Scenario path as given.
    public var scenario: String
    /// SHA-256 of the scenario file.
    public var scenarioSHA256: String
    /// Random seed.
    public var seed: UInt64
    /// Monte Carlo paths.
    public var paths: Int
    /// Variants in output order.
    public var variants: [String]
    /// Base and end year.
    public var years: [Int]
    /// Currency and money unit.
    public var currency: String
    /// Money unit (万元 or 元).
    public var unit: String
    /// Decimals of money cells.
    public var precision: Int
    /// Rounding rule.
    public var rounding: String
    /// Files in the folder.
    public var files: [String]
    /// Run diagnostics (e.g. tax values clamped at a zero growth factor).
    public var diagnostics: [String: Int]
    /// Input tables read in an encoding other than UTF-8 (file → encoding, e.g. `GB18030`);
    /// absent when every input was UTF-8.
    public var inputEncodings: [String: String]?
    /// Warnings about the input, as standard error showed them (SPEC §22); absent when none.
    public var warnings: [String]?
    /// The `--set PATH=VALUE` entries the run applied (path → value as typed); absent when none.
    public var set: [String: SettingValue]?

    /// The manifest of a run of `loaded`.
    public init(loaded: LoadedScenario, variants: [String], files: [String], diagnostics: [String: Int]) {
        let scenario = loaded.scenario
        name = scenario.name
        self.scenario = loaded.path
        scenarioSHA256 = loaded.sha256
        seed = scenario.seed
        paths = scenario.paths
        self.variants = variants
        years = [scenario.horizon.baseYear, scenario.horizon.endYear]
        currency = scenario.currency
        unit = scenario.moneyUnit
        precision = scenario.precision
        rounding = scenario.rounding.rawValue
        self.files = files
        self.diagnostics = diagnostics
        inputEncodings = loaded.inputEncodings.isEmpty ? nil : loaded.inputEncodings
        let warnings = loaded.recordedWarnings
        self.warnings = warnings.isEmpty ? nil : warnings
        set = loaded.settings.isEmpty ? nil : loaded.settings.record
    }

    /// Pretty JSON with sorted keys (stable bytes for the same run).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
