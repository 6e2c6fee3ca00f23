import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// Sweeps of a scenario in memory, as `fiscal-sim sweep` runs them.
enum SweepRun {
    static let siming = Repository.path("scenarios/siming-pilot.yaml")
    static let pilot = Repository.path("scenarios/pilot-districts.yaml")

    /// The plan of a grid sweep.
    static func plan(_ scenario: String = siming, grid: [String], variant: String? = nil, paths: Int? = nil, seed: UInt64? = nil, threads: Int = 2) throws -> SweepPlan {
        try SweepPlan(
            template: ScenarioTemplate(path: scenario, variant: variant), definition: SweepDefinition.grid(grid),
            paths: paths, seed: seed, threads: threads)
    }

    /// `sweep.csv` of `plan`, all points.
    static func csv(_ plan: SweepPlan, threads: Int = 2) -> String {
        let numbers = Array(plan.definition.points.indices.map { $0 + 1 })
        return SweepTable(plan).csv(numbers: numbers, rows: SweepEvaluator(plan, threads: threads).rows(of: numbers))
    }

    /// `sweep.csv` keyed by point and district.
    static func table(_ plan: SweepPlan, threads: Int = 2) throws -> OutputTable {
        try OutputTable(csv(plan, threads: threads), keyColumns: ["point", "district"])
    }

    /// The diagnostics of a sweep that must be rejected.
    static func errors(sourceLocation: SourceLocation = #_sourceLocation, _ make: () throws -> SweepPlan) -> [Diagnostic] {
        do {
            _ = try make()
            Issue.record("the sweep was accepted but should have been rejected", sourceLocation: sourceLocation)
            return []
        } catch let error as InputError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// `fiscal-sim run` of the Siming scenario edited as text (`old` replaced by `new`, the
    /// units file made absolute): a point's scenario built without the override machinery.
    static func runEdited(_ old: String, _ new: String, paths: Int? = nil, seed: UInt64? = nil, in folder: TemporaryFolder) throws -> ScenarioRun {
        let text = try String(contentsOfFile: siming, encoding: .utf8)
        #expect(text.contains(old), "the scenario no longer contains \(old)")
        let edited = text.replacingOccurrences(of: old, with: new)
            .replacingOccurrences(of: "units: data/", with: "units: \(Repository.path("scenarios/data"))/")
        var loaded = try ScenarioLoader().load(try folder.write("point.yaml", edited))
        if let paths { loaded.scenario.paths = paths }
        if let seed { loaded.scenario.seed = seed }
        loaded.scenario.variants = []
        return try ScenarioRun(loaded, threads: 2)
    }

    /// Σ over years of the `districts.csv` column `column` (reform rows of `district`).
    static func yearlySum(_ run: ScenarioRun, _ column: String, district: String = "siming") -> Double {
        let table = ParsedCSV(String(decoding: run.file(named: "districts.csv")!, as: UTF8.self))
        let (v, d, c) = (table.column("variant")!, table.column("district")!, table.column(column)!)
        return table.rows.filter { $0[v] == "reform" && $0[d] == district }.reduce(0) { $0 + Double($1[c])! }
    }

    /// Σ over years of the `mean` of metric `metric` in `districts_quantiles.csv`.
    static func yearlyMeans(_ run: ScenarioRun, _ metric: String, district: String = "siming") -> (sum: Double, years: Int) {
        let table = ParsedCSV(String(decoding: run.file(named: "districts_quantiles.csv")!, as: UTF8.self))
        let (v, d, m, mean) = (table.column("variant")!, table.column("district")!, table.column("metric")!, table.column("mean")!)
        let rows = table.rows.filter { $0[v] == "reform" && $0[d] == district && $0[m] == metric }
        return (rows.reduce(0) { $0 + Double($1[mean])! }, rows.count)
    }
}
