import FiscalModel
import Foundation
import Yams

/// The command a pinned test case runs (`command:`): `run` (the default; tables `units`,
/// `districts`, …), `sweep` (table `sweep`, keyed by point and district) or `solve` (table
/// `solve`: the one row of `solve.json`'s fields — x, lo, hi, metric_lo, metric_hi, found, …;
/// a list such as `evaluations` by its length), with the command's options
/// as keys of the case: `grid`, `design`, `paths`, `seed` for sweep; `vary`, `between`,
/// `target`, `district`, `tolerance`, `paths`, `seed` for solve. The case's `variant` is the
/// command's `--variant`.
enum PinCommand: Sendable {
    /// `fiscal-sim run`.
    case run
    /// `fiscal-sim sweep`: grid options or a design file (resolved against the test file).
    case sweep(grid: [String], design: String?, paths: Int?, seed: UInt64?)
    /// `fiscal-sim solve`.
    case solve(vary: String, between: [Double], target: String, district: String, tolerance: Double?, paths: Int?, seed: UInt64?)

    /// The keys the commands' options use.
    static let keys = ["command", "grid", "design", "paths", "seed", "vary", "between", "target", "district", "tolerance"]

    /// Whether the command takes `variant` as its option (not as a default key column).
    var takesVariant: Bool {
        if case .run = self { return false }
        return true
    }

    /// Identifies the options for the runner's cache.
    var cacheKey: String { "\(self)" }

    /// The command given by `nodes` (the case's command keys over the top level's).
    static func read(_ nodes: [String: Node], reader: NodeReader, path: String, testFile: String) -> PinCommand? {
        let prefix = path.isEmpty ? "" : path + "."
        let name = nodes["command"].flatMap { reader.text($0, path: prefix + "command") } ?? "run"
        func number<T>(_ key: String, _ make: (Int) -> T?) -> T? {
            nodes[key].flatMap { reader.integer($0, path: prefix + key, minimum: 0) }.flatMap(make)
        }
        let paths: Int? = number("paths") { $0 >= 1 ? $0 : nil }
        let seed: UInt64? = number("seed") { UInt64($0) }
        let allowed: [String: [String]] = [
            "run": ["command"], "sweep": ["command", "grid", "design", "paths", "seed"],
            "solve": ["command", "vary", "between", "target", "district", "tolerance", "paths", "seed"],
        ]
        guard let keys = allowed[name] else {
            reader.error(nodes["command"], "\(prefix)command: expected run, sweep or solve; found '\(name)'")
            return nil
        }
        for (key, node) in nodes where !keys.contains(key) {
            reader.error(node, "\(prefix)\(key): not an option of command \(name) (its options: \(keys.dropFirst().joined(separator: ", ")))")
        }
        switch name {
        case "sweep":
            let grid = nodes["grid"].flatMap { reader.texts($0, path: prefix + "grid") } ?? []
            let design = nodes["design"].flatMap { reader.text($0, path: prefix + "design") }.map { ScenarioFiles.resolve($0, against: testFile) }
            if grid.isEmpty == (design == nil) {
                reader.error(nodes["command"], "\(prefix)command sweep needs `grid:` (a list of PATH=VALUES) or `design:` (a CSV file), not both")
                return nil
            }
            return .sweep(grid: grid, design: design, paths: paths, seed: seed)
        case "solve":
            guard let vary = nodes["vary"].flatMap({ reader.text($0, path: prefix + "vary") }),
                let between = nodes["between"].flatMap({ reader.list($0, path: prefix + "between") })?.compactMap({ reader.number($0, path: prefix + "between") }),
                between.count == 2,
                let target = nodes["target"].flatMap({ reader.text($0, path: prefix + "target") })
            else {
                reader.error(nodes["command"], "\(prefix)command solve needs `vary:` (a path), `between: [LO, HI]` and `target: METRIC=VALUE`")
                return nil
            }
            let district = nodes["district"].flatMap { reader.text($0, path: prefix + "district") } ?? "all"
            let tolerance = nodes["tolerance"].flatMap { reader.number($0, path: prefix + "tolerance", range: .nonNegative) }
            return .solve(vary: vary, between: between, target: target, district: district, tolerance: tolerance, paths: paths, seed: seed)
        default:
            return .run
        }
    }

    /// The files the command writes (`sweep.csv`, `sweep.json`, …; `solve.json`), by name, for
    /// the scenario at `scenario` read through `files`, through the command's own pipeline
    /// (`SweepRun`, `SolveRun`); `variant` is its `--variant`. Throws as the pipeline does.
    func tables(scenario: String, variant: String?, files: ScenarioFiles) throws -> [String: Data] {
        let written: [(name: String, data: Data)]
        switch self {
        case .run:
            return [:]
        case let .sweep(grid, design, paths, seed):
            written = try SweepRun(.init(
                scenario: scenario, points: design.map { .design($0) } ?? .grid(grid), variant: variant,
                paths: paths, seed: seed, files: files)).files
        case let .solve(vary, between, target, district, tolerance, paths, seed):
            guard let goal = SolveRun.Target(target) else {
                throw InputError([Diagnostic(file: scenario, message: "target: expected METRIC=VALUE, e.g. reform_effect=0; found '\(target)'")])
            }
            written = try SolveRun(.init(
                scenario: scenario, vary: vary, lo: between[0], hi: between[1], target: goal, district: district,
                tolerance: tolerance, variant: variant, paths: paths, seed: seed, files: files)).files
        }
        return Dictionary(written.map { ($0.name, $0.data) }, uniquingKeysWith: { first, _ in first })
    }
}
