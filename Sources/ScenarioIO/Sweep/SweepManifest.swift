import FiscalModel
import Foundation

/// `sweep.json`: what produced a sweep folder (model.md §15.1) — tool version, the scenario path as
/// given and its SHA-256, the grid axes or the design file's SHA-256, points, paths, seed and
/// variant.
public struct SweepManifest: Encodable, Sendable {
    /// One grid axis as recorded.
    public struct Axis: Encodable, Sendable, Equatable {
        /// The dotted path.
        public var path: String
        /// Its values, as applied.
        public var values: [String]
    }

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
    /// The grid axes (`nil` for a design sweep).
    public var axes: [Axis]?
    /// The design file as given (`nil` for a grid).
    public var design: String?
    /// SHA-256 of the design file (`nil` for a grid).
    public var designSHA256: String?
    /// The swept paths (the columns after `point_name`).
    public var swept: [String]
    /// Number of points P.
    public var points: Int
    /// Monte Carlo paths (1: deterministic).
    public var paths: Int
    /// Random seed.
    public var seed: UInt64
    /// The variant the points start from (`nil`: the scenario as written).
    public var variant: String?
    /// Currency and money unit.
    public var currency: String
    /// Money unit (万元 or 元).
    public var unit: String
    /// Files in the folder.
    public var files: [String]
    /// The `--set` entries applied before the points (path → value as typed); absent when none.
    public var set: [String: SettingValue]?

    /// The manifest of `plan` writing `files`.
    public init(_ plan: SweepPlan, files: [String]) {
        let loaded = plan.template.loaded
        name = loaded.scenario.name
        scenario = loaded.path
        scenarioSHA256 = loaded.sha256
        switch plan.definition.source {
        case .grid(let grid):
            let values: [[String]] = grid.indices.map { column in
                var seen: [String] = []
                for point in plan.definition.points where !seen.contains(point.values[column]) { seen.append(point.values[column]) }
                return seen
            }
            axes = zip(grid, values).map { Axis(path: $0.path, values: $1) }
        case let .design(file, sha256):
            design = file
            designSHA256 = sha256
        }
        swept = plan.definition.paths
        points = plan.definition.points.count
        paths = plan.paths
        seed = plan.seed
        variant = plan.template.variant
        currency = loaded.scenario.currency
        unit = loaded.scenario.moneyUnit
        self.files = files
        set = plan.template.settings.isEmpty ? nil : plan.template.settings.record
    }

    private enum CodingKeys: String, CodingKey {
        case tool, version, name, scenario, scenarioSHA256, axes, design, designSHA256, swept, points, paths, seed
        case variant, currency, unit, files, set
    }

    /// Encodes every key; absent values as `null`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tool, forKey: .tool)
        try container.encode(version, forKey: .version)
        try container.encode(name, forKey: .name)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(scenarioSHA256, forKey: .scenarioSHA256)
        try container.encode(axes, forKey: .axes)
        try container.encode(design, forKey: .design)
        try container.encode(designSHA256, forKey: .designSHA256)
        try container.encode(swept, forKey: .swept)
        try container.encode(points, forKey: .points)
        try container.encode(paths, forKey: .paths)
        try container.encode(seed, forKey: .seed)
        try container.encode(variant, forKey: .variant)
        try container.encode(currency, forKey: .currency)
        try container.encode(unit, forKey: .unit)
        try container.encode(files, forKey: .files)
        try container.encodeIfPresent(set, forKey: .set)
    }

    /// Pretty JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
