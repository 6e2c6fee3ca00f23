import FiscalModel
import Foundation

/// `fiscal-sim solve` (model.md §15.2): which value of one path in [LO, HI] brings a `sweep.csv`
/// metric of one row to a target. Each evaluation is the sweep of one point; the search is
/// `BracketSearch`.
public struct Solver: Sendable {
    /// The scenario varied.
    public let template: ScenarioTemplate
    /// The varied dotted path.
    public let path: String
    /// The metric column and its target VALUE.
    public let metric: String, target: Double
    /// The `sweep.csv` row read: a district id or `all`.
    public let district: String
    /// The search (ends, integer or not, tolerance).
    public let search: BracketSearch
    /// Monte Carlo paths and seed (`nil`: the scenario's).
    public let paths: Int?, seed: UInt64?
    /// Worker threads.
    public let threads: Int
    private let baselines = BaselineCache()

    /// A solver; checks that the metric, district and range make sense for the scenario.
    public init(
        template: ScenarioTemplate, path: String, lo: Double, hi: Double, metric: String, target: Double,
        district: String = "all", tolerance: Double? = nil, paths: Int? = nil, seed: UInt64? = nil, threads: Int = 1
    ) throws(InputError) {
        let scenario = template.loaded.scenario
        let monteCarlo = (paths ?? scenario.paths) > 1
        let columns = SweepMetrics.columns(monteCarlo: monteCarlo, waves: scenario.reform.rollout.waves.map(\.id))
        var problems: [String] = []
        if !columns.contains(metric) {
            problems.append("--target: '\(metric)' is not a metric of a \(monteCarlo ? "Monte Carlo" : "deterministic") sweep\(Suggestion.hint(for: metric, in: columns)); the metrics are \(columns.joined(separator: ", "))")
        }
        let districts = scenario.districts.map(\.id) + ["all"]
        if !districts.contains(district) {
            problems.append("--district: '\(district)' is not a district of the scenario\(Suggestion.hint(for: district, in: districts)); use one of \(districts.joined(separator: ", "))")
        }
        let integer = SweepPath.isInteger(path)
        if !lo.isFinite || !hi.isFinite || !target.isFinite {
            problems.append("--between and --target must be finite numbers")
        } else if !(lo < hi) { problems.append("--between: LO must be below HI; found \(NumberText.plain.text(lo)) and \(NumberText.plain.text(hi))") }
        if integer, NumberText.integer(lo) == nil || NumberText.integer(hi) == nil {
            problems.append("--between: '\(path)' takes whole numbers, so LO and HI must be whole numbers")
        }
        if let tolerance, !(tolerance > 0) { problems.append("--tolerance must be above 0") }
        guard problems.isEmpty else { throw InputError(problems.map { Diagnostic(file: "solve", message: $0) }) }
        self.template = template
        self.path = path
        self.metric = metric
        self.target = target
        self.district = district
        self.search = BracketSearch(lo: lo, hi: hi, target: target, integer: integer, tolerance: tolerance)
        self.paths = paths
        self.seed = seed
        self.threads = threads
    }

    /// Runs the search. Invalid points (a value the path cannot take) are `InputError`s; a point
    /// whose run reaches model.md §19's limits is a `SweepLimitViolation`.
    public func run() throws -> BracketSearch.Outcome {
        try search.run { (xs: [Double]) throws -> [Double] in try evaluate(xs) }
    }

    /// The text the path is set to for `x`.
    public func text(_ x: Double) -> String {
        search.integer ? String(Int(x)) : NumberText.trimmed.text(x)
    }

    private func evaluate(_ xs: [Double]) throws -> [Double] {
        let values = xs.map(text)
        let definition = try SweepDefinition.grid(["\(path)=\(values.joined(separator: ","))"])
        let plan = try SweepPlan(template: template, definition: definition, paths: paths, seed: seed, threads: threads)
        let rows = try SweepEvaluator(plan, threads: threads, baselines: baselines).rows(of: Array(1...xs.count))
        let row = SweepTable(plan).districts.firstIndex(of: district)!
        guard let column = SweepMetrics.columns(monteCarlo: plan.isMonteCarlo, waves: plan.waveIDs).firstIndex(of: metric) else {
            throw InputError([Diagnostic(file: "solve", message: "\(metric) is not a column of this sweep (its waves: \(plan.waveIDs.joined(separator: ", ")))")])
        }
        var metrics: [Double] = []
        for (x, point) in zip(values, rows) {
            // model.md §20: a wave not adopted counts as later than every year.
            if metric.hasPrefix("wave_"), metric.hasSuffix("_year") || metric.hasSuffix("_year_mean"), point[row][column].isEmpty {
                metrics.append(.infinity)
                continue
            }
            guard let value = Double(point[row][column]) else {
                throw InputError([Diagnostic(file: "solve", message: "\(metric) of \(district) is empty at \(path)=\(x) (no unit has need); choose another metric")])
            }
            metrics.append(value)
        }
        return metrics
    }
}

