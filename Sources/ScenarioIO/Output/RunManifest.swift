import FiscalModel
import Foundation

/// `run.json`: what produced a run folder (model.md §9).
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
    /// Warnings about the input, as standard error showed them (model.md §22); absent when none.
    public var warnings: [String]?
    /// The `--set PATH=VALUE` entries the run applied (path → value as typed); absent when none.
    public var set: [String: SettingValue]?
    /// How each variant's evidence-gated waves were decided (model.md §20), keyed by variant then
    /// wave id; absent when no variant has waves.
    public var waves: [String: [String: WaveEntry]]?

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

extension RunManifest {
    /// A wave's entry in `run.json` (model.md §20): deterministic `{"year", "abandoned"}` (a year or
    /// null), Monte Carlo `{"adoptedShare", "abandonedShare", "meanYear"}` (null when no path
    /// adopts).
    public enum WaveEntry: Codable, Sendable, Equatable {
        /// A deterministic run's decision.
        case deterministic(year: Int?, abandoned: Int?)
        /// A Monte Carlo run's shares by the last year and mean adoption year.
        case monteCarlo(adoptedShare: Double, abandonedShare: Double, meanYear: Double?)

        private enum Keys: String, CodingKey {
            case year, abandoned, adoptedShare, abandonedShare, meanYear
        }

        /// Encodes the keys of the run kind, nulls written out.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case let .deterministic(year, abandoned):
                try container.encode(year, forKey: .year)
                try container.encode(abandoned, forKey: .abandoned)
            case let .monteCarlo(adopted, abandoned, mean):
                try container.encode(adopted, forKey: .adoptedShare)
                try container.encode(abandoned, forKey: .abandonedShare)
                try container.encode(mean, forKey: .meanYear)
            }
        }

        /// Decodes either form.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if container.contains(.adoptedShare) {
                self = .monteCarlo(
                    adoptedShare: try container.decode(Double.self, forKey: .adoptedShare),
                    abandonedShare: try container.decode(Double.self, forKey: .abandonedShare),
                    meanYear: try container.decodeIfPresent(Double.self, forKey: .meanYear))
            } else {
                self = .deterministic(
                    year: try container.decodeIfPresent(Int.self, forKey: .year),
                    abandoned: try container.decodeIfPresent(Int.self, forKey: .abandoned))
            }
        }
    }
}
