import FiscalModel
import Foundation
import Yams

/// The command a pinned test case runs (`command:`): `run` (the default; tables `units`,
/// `districts`, …), `sweep` (table `sweep`, keyed by point and district) or `solve` (table
/// `solve`, one row: x, lo, hi, metric_lo, metric_hi, evaluations), with the command's options
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

    /// The tables the command writes, by file name, for the scenario at `scenario` read through
    /// `files`; `variant` is its `--variant`.
    func tables(scenario: String, variant: String?, files: ScenarioFiles) throws(InputError) -> [String: Data] {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        switch self {
        case .run:
            return [:]
        case let .sweep(grid, design, paths, seed):
            let template = try ScenarioTemplate(path: scenario, variant: variant, files: files)
            let definition: SweepDefinition
            if let design {
                guard let data = try? files.data(at: design) else {
                    throw InputError([Diagnostic(file: design, message: "cannot read the design file; paths are relative to the test file")])
                }
                definition = try SweepDefinition.design(data, file: design)
            } else {
                definition = try SweepDefinition.grid(grid)
            }
            let plan = try SweepPlan(template: template, definition: definition, paths: paths, seed: seed, threads: threads)
            let numbers = Array(plan.definition.points.indices.map { $0 + 1 })
            let rows = SweepEvaluator(plan, threads: threads).rows(of: numbers)
            return ["sweep.csv": Data(SweepTable(plan).csv(numbers: numbers, rows: rows).utf8)]
        case let .solve(vary, between, target, district, tolerance, paths, seed):
            guard let equals = target.firstIndex(of: "="), let value = Double(target[target.index(after: equals)...]) else {
                throw InputError([Diagnostic(file: scenario, message: "target: expected METRIC=VALUE, e.g. reform_effect=0; found '\(target)'")])
            }
            let template = try ScenarioTemplate(path: scenario, variant: variant, files: files)
            let solver = try Solver(
                template: template, path: vary, lo: between[0], hi: between[1], metric: String(target[..<equals]),
                target: value, district: district, tolerance: tolerance, paths: paths, seed: seed, threads: threads)
            let outcome = try solver.run()
            var csv = CSVText()
            csv.append(["x", "lo", "hi", "metric_lo", "metric_hi", "evaluations"])
            csv.append([
                outcome.x.map(solver.text) ?? "", solver.text(outcome.lo), solver.text(outcome.hi),
                PlainDecimalText.trimmed(outcome.metricLo), PlainDecimalText.trimmed(outcome.metricHi),
                String(outcome.evaluations.count),
            ])
            return ["solve.csv": Data(csv.text.utf8)]
        }
    }
}
