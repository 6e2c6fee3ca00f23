import FiscalModel
import Foundation

/// What `fiscal-sim solve` prints and writes to `solve.json` (model.md §15.2).
public struct SolveReport: Sendable {
    /// The solver that ran.
    public let solver: Solver
    /// Its outcome.
    public let outcome: BracketSearch.Outcome

    /// The report of `outcome`.
    public init(_ solver: Solver, outcome: BracketSearch.Outcome) {
        self.solver = solver
        self.outcome = outcome
    }

    /// Whether a value was found (exit 0) or not (exit 1).
    public var found: Bool { outcome.kind != .notReached }

    /// The lines printed on standard output: numbers at 12 significant digits at most
    /// (`0.349526882172`, not `0.34952688217163086`; issue 21), whole-number paths as integers.
    public var lines: [String] { lines(NumberText.display.text) }

    /// The lines with every number written by `number` (`solve.json`'s notes keep full precision).
    private func lines(_ number: (Double) -> String) -> [String] {
        func text(_ x: Double) -> String { solver.search.integer ? String(Int(x)) : number(x) }
        let goal = "\(solver.metric) = \(number(solver.target))"
        let range = "[\(text(solver.search.lo)), \(text(solver.search.hi))]"
        let metric = solver.metric
        let row = solver.district == "all" ? "" : " (\(districtName), district \(solver.district))"
        var lines: [String] = []
        switch outcome.kind {
        case .found:
            lines.append("\(solver.path) = \(text(outcome.x!)) reaches \(goal)\(row)")
            lines.append("\(metric) = \(number(outcome.metricLo)) at \(text(outcome.lo)), \(number(outcome.metricHi)) at \(text(outcome.hi)); \(outcome.evaluations.count) evaluations")
        case .everywhere:
            lines.append("\(goal) on all of \(range)\(row); x = \(text(solver.search.hi))")
            lines.append("\(outcome.evaluations.count) evaluations")
        case .notReached:
            let rising = outcome.metricHi > outcome.metricLo
            let below = outcome.metricLo < solver.target
            let flat = Set(outcome.evaluations.map(\.metric)).count == 1
            let hint = flat
                ? "it is the same at every scanned value, so \(solver.path) cannot bring it to \(number(solver.target)) in this range"
                : rising == below ? "widen the range above \(text(solver.search.hi))" : "widen the range below \(text(solver.search.lo))"
            lines.append("no value in \(range) reaches \(goal)\(row): \(metric) is \(number(outcome.metricLo)) at \(text(solver.search.lo)) and \(number(outcome.metricHi)) at \(text(solver.search.hi)); \(hint)")
        }
        if !outcome.otherChanges.isEmpty {
            let others = outcome.otherChanges.map { "[\(text($0.lo)), \(text($0.hi))]" }.joined(separator: ", ")
            lines.append("note: \(metric) also crosses the target in \(others); only the first change was refined")
        }
        return lines
    }

    /// The solved district as people name it (its `name:`, else its id).
    private var districtName: String {
        solver.template.loaded.scenario.districts.first { $0.id == solver.district }?.name ?? solver.district
    }

    /// `solve.json`: x (null when not found), lo, hi, metric_lo, metric_hi, every evaluation
    /// in order, and what was solved.
    public func json() throws -> Data {
        let scenario = solver.template.loaded
        func number(_ x: Double) -> Any { solver.search.integer ? Int(x) as Any : x as Any }
        var object: [String: Any] = [
            "x": outcome.x.map(number) ?? NSNull(), "lo": number(outcome.lo), "hi": number(outcome.hi),
            "metric_lo": outcome.metricLo, "metric_hi": outcome.metricHi,
            "evaluations": outcome.evaluations.map { ["x": number($0.x), "metric": $0.metric] },
            "found": found, "path": solver.path, "metric": solver.metric, "target": solver.target,
            "district": solver.district, "between": [number(solver.search.lo), number(solver.search.hi)],
            "tool": "fiscal-sim", "version": ToolVersion.current, "scenario": scenario.path,
            "scenarioSHA256": scenario.sha256, "paths": solver.paths ?? scenario.scenario.paths,
            "seed": solver.seed ?? scenario.scenario.seed, "variant": solver.template.variant ?? NSNull(),
            "notes": lines(NumberText.trimmed.text).filter { $0.hasPrefix("note: ") },
        ]
        if !solver.template.settings.isEmpty {
            object["set"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(solver.template.settings.record))
        }
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(Data("\n".utf8))
        return data
    }
}
