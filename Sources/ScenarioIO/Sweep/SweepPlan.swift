import FiscalModel

/// A sweep validated as a whole before anything runs (model.md §15.1): every point's scenario, or
/// every invalid point reported in one pass, each named by its number and values.
public struct SweepPlan: Sendable {
    /// The scenario the points vary.
    public let template: ScenarioTemplate
    /// The swept paths and points (values as applied: whole numbers on integer paths).
    public let definition: SweepDefinition
    /// Point p's scenario at index p − 1, with the sweep's paths and seed.
    public let scenarios: [Scenario]
    /// Monte Carlo paths (1: deterministic).
    public let paths: Int
    /// Random seed.
    public let seed: UInt64

    /// Whether the sweep is Monte Carlo (paths > 1).
    public var isMonteCarlo: Bool { paths > 1 }
    /// The ids of the swept run's waves (model.md §20), the same for every point.
    public var waveIDs: [String] { scenarios.first?.reform.rollout.waves.map(\.id) ?? [] }

    /// Validates every point of `definition` on `template`; `paths`/`seed` default to the
    /// scenario's.
    public init(template: ScenarioTemplate, definition: SweepDefinition, paths: Int? = nil, seed: UInt64? = nil, threads: Int = 1) throws(InputError) {
        self.template = template
        let paths = paths ?? template.loaded.scenario.paths
        let seed = seed ?? template.loaded.scenario.seed
        var normalized = definition
        // Per point: values of the wrong type (the point is still checked with its other
        // values, so one pass reports everything) and the entries to apply.
        var typeProblems: [[Diagnostic]] = []
        var entries: [[ScenarioTemplate.Entry]] = []
        for (index, point) in definition.points.enumerated() {
            var pointProblems: [Diagnostic] = []
            var pointEntries: [ScenarioTemplate.Entry] = []
            for (column, path) in definition.paths.enumerated() {
                let location = definition.location(point: index, column: column)
                switch SweepPath.normalized(point.values[column], path: path) {
                case .success(let value):
                    normalized.points[index].values[column] = value
                    pointEntries.append(ScenarioTemplate.Entry(path: path, value: value, location: location))
                case .failure(let problem):
                    let message = "\(path): \(problem.message)"
                    pointProblems.append(location.map { Diagnostic(file: $0.file, line: $0.line, column: $0.column, message: message) }
                        ?? Diagnostic(file: "--grid \(path)", message: message))
                }
            }
            typeProblems.append(pointProblems)
            entries.append(pointEntries)
        }
        let all = entries
        let results = ParallelMap.run(all.count, threads: threads) { template.scenario(with: all[$0]) }
        var problems: [Diagnostic] = []
        var scenarios: [Scenario] = []
        for (index, result) in results.enumerated() {
            var pointProblems = typeProblems[index]
            switch result {
            case .success(var scenario):
                scenario.paths = paths
                scenario.seed = seed
                scenarios.append(scenario)
            case .failure(let error):
                pointProblems += error.diagnostics
            }
            let label = Self.label(normalized.points[index], paths: definition.paths)
            problems += pointProblems.map { var d = $0; d.message = "\(label): \(d.message)"; return d }
        }
        // model.md §20: a point's row gains one set of columns per wave, so every point needs the
        // same wave ids.
        if let first = scenarios.first?.reform.rollout.waves.map(\.id) {
            for (index, scenario) in scenarios.enumerated() where scenario.reform.rollout.waves.map(\.id) != first {
                let ids = scenario.reform.rollout.waves.map(\.id)
                problems.append(Diagnostic(file: "sweep", message: "\(Self.label(normalized.points[index], paths: definition.paths)): its waves (\(ids.isEmpty ? "none" : ids.joined(separator: ", "))) differ from the first point's (\(first.isEmpty ? "none" : first.joined(separator: ", "))); every point needs the same wave ids, since each wave adds its own sweep.csv columns"))
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        self.definition = normalized
        self.scenarios = scenarios
        self.paths = paths
        self.seed = seed
    }

    /// `point 3 (rebate.bands.0.rate=0.3, rollout.default=2027)`, with the name if it has one.
    static func label(_ point: SweepPoint, paths: [String]) -> String {
        let values = zip(paths, point.values).map { "\($0)=\($1)" }.joined(separator: ", ")
        return "point \(point.number)\(point.name.isEmpty ? "" : " '\(point.name)'") (\(values))"
    }
}
