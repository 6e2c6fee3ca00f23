import FiscalModel
import Foundation
import ScenarioIO
import Yams

/// The what-if page's only door into ScenarioIO (model.md §21: no second implementation): every run,
/// download, range view and Monte Carlo job is the CLI's own pipeline on the served scenario
/// with the page's changes as a variant (`WhatIfScenario`) —
/// - a run is `ScenarioRun` (`fiscal-sim run`), its tables the CSVs it renders;
/// - a range view is `SweepPlan` + `SweepEvaluator` + `SweepTable` (`fiscal-sim sweep
///   --variant what-if --grid PATH=LO:HI:N`);
/// - a Monte Carlo job is `ScenarioRun` with paths > 1, checked first by §19's `MemoryCheck`.
public struct ServedScenario: Sendable {
    /// The scenario path as the run manifest reports it (the shipped one: `scenarios/siming-pilot.yaml`).
    public let path: String
    /// The validated scenario as written.
    public let loaded: LoadedScenario
    /// Where "Save scenario" and the runs place the what-if file: beside the scenario, so its
    /// relative file names resolve (`siming-pilot-what-if.yaml`).
    public let whatIfPath: String
    private let files: ScenarioFiles
    private let text: String
    private let variantSets: FrozenSets

    /// The variants' `set` trees, read once.
    private struct FrozenSets: @unchecked Sendable {
        let sets: [String: Node]
    }

    /// Reads the scenario at `path` (default: the shipped one) and every file it names once, and
    /// validates it as `run` would.
    public init(path: String?) throws(InputError) {
        let reported = path ?? ShippedScenario.path
        let startup = StartupFiles()
        let files = startup.recording(path == nil ? ShippedScenario.files : .disk)
        loaded = try ScenarioLoader(files: files).load(reported)
        let data = (try? files.data(at: reported)) ?? Data()
        startup.freeze()
        self.path = reported
        self.files = files
        text = String(decoding: data, as: UTF8.self)
        let folder = (reported as NSString).deletingLastPathComponent
        let stem = ((reported as NSString).lastPathComponent as NSString).deletingPathExtension
        whatIfPath = folder.isEmpty ? "\(stem)-what-if.yaml" : "\(folder)/\(stem)-what-if.yaml"
        var sets: [String: Node] = [:]
        if let items = (try? Yams.compose(yaml: text))??.mapping?["variants"]?.sequence {
            for item in items {
                if let name = item.mapping?["name"]?.string, let set = item.mapping?["set"] { sets[name] = set }
            }
        }
        variantSets = FrozenSets(sets: sets)
    }

    /// `reform` and the listed variants: the starting points.
    public var variantNames: [String] { [Variant.reformName] + loaded.scenario.variants.map(\.name) }

    /// The levers of starting variant `variant`, with its values.
    func levers(variant: String) throws(ServerError) -> [Lever] {
        try checkVariant(variant)
        do {
            let template = try ScenarioTemplate(path: path, variant: variant == Variant.reformName ? nil : variant, files: files)
            return LeverCatalog(tree: template.startingTree, scenario: loaded.scenario).levers
        } catch {
            throw ServerError.badRequest(path: "variant", error.diagnostics.map(\.message).joined(separator: "; "))
        }
    }

    /// The scenario with `changes` on top of `variant`, validated as `run` validates a file.
    func prepare(variant: String, changes: [WhatIfScenario.Change]) throws(ServerError) -> PreparedWhatIf {
        try checkVariant(variant)
        let whatIf = WhatIfScenario(
            original: text, names: variantNames, startSet: variantSets.sets[variant], changes: changes)
        let overlay = overlayFiles(whatIf.text)
        do {
            let loaded = try ScenarioLoader(files: overlay).load(whatIfPath)
            return PreparedWhatIf(start: variant, changes: changes, whatIf: whatIf, loaded: loaded, files: overlay)
        } catch {
            throw ServerError.badRequest(ValidationProblems.map(error.diagnostics, whatIf: whatIf, file: whatIfPath, changes: changes))
        }
    }

    /// The deterministic run of the prepared scenario, reduced to the counterfactual, the
    /// starting variant and the what-if variant (each variant's rows do not depend on the
    /// others): `ScenarioRun`'s deterministic path — the engine's projection checked against
    /// model.md §19's limits, `units.csv` and `districts.csv` rendered by `ResultTables` — without
    /// the files the page does not show (comparison, groups, manifests), which would double the
    /// time of every change.
    func run(_ prepared: PreparedWhatIf) throws(ServerError) -> RunTables {
        let scenario = prepared.reduced.scenario
        do {
            let result = try Simulation(scenario).runDeterministic().checked()
            let rounded = RoundedRun(scenario: scenario, result: result)
            let tables = ResultTables(rounded)
            return RunTables(
                totals: RunSummary.totals(rounded),
                headline: RunSummary.headline(rounded),
                districts: CSVRecords.all(tables.districtsData()),
                units: CSVRecords.all(tables.unitsData()))
        } catch {
            throw Self.problem(error)
        }
    }

    /// The run folder of `fiscal-sim run WHATIF.yaml --xlsx [--lang zh]`: every file, in the
    /// order the run writes them.
    func download(_ prepared: PreparedWhatIf, chinese: Bool) throws(ServerError) -> [(name: String, data: Data)] {
        do {
            let run = try ScenarioRun(prepared.loaded, options: RunWriter.Options(chineseHeaders: chinese, workbook: true))
            return try run.entries.map { entry in
                switch entry {
                case let .file(name, data): return (name, data)
                case let .produced(name, write):
                    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fiscal-sim-serve-\(UUID().uuidString)-\(name)")
                    defer { try? FileManager.default.removeItem(at: url) }
                    try write(url)
                    return (name, try Data(contentsOf: url))
                }
            }
        } catch {
            throw Self.problem(error)
        }
    }

    /// The range view: `fiscal-sim sweep WHATIF.yaml --variant what-if --grid LEVER=LO:HI:N`,
    /// deterministic; `sweep.csv`'s records (header first).
    func sweep(_ prepared: PreparedWhatIf, grid: String, threads: Int) throws(ServerError) -> [[String]] {
        do {
            let template = try ScenarioTemplate(path: whatIfPath, variant: prepared.whatIf.variantName, files: prepared.files)
            let definition = try SweepDefinition.grid([grid])
            let plan = try SweepPlan(template: template, definition: definition, paths: 1, threads: threads)
            let numbers = Array(1...plan.definition.points.count)
            let rows = try SweepEvaluator(plan, threads: threads).rows(of: numbers)
            return CSVRecords.all(Data(SweepTable(plan).csv(numbers: numbers, rows: rows).utf8))
        } catch let error as InputError {
            throw ServerError.badRequest(error.diagnostics.map { ServerError.Problem(path: "lever", message: $0.message) })
        } catch {
            throw Self.problem(error)
        }
    }

    /// Throws a 400 naming `paths` if a Monte Carlo run of `paths` paths on `threads` threads
    /// would not fit in memory (model.md §19's estimate).
    func checkMemory(_ prepared: PreparedWhatIf, paths: Int, threads: Int) throws(ServerError) {
        do {
            try MemoryCheck().check(prepared.reduced.scenario, paths: paths, threads: threads, file: whatIfPath)
        } catch {
            throw ServerError.badRequest(error.diagnostics.map { ServerError.Problem(path: "paths", message: $0.message) })
        }
    }

    /// The Monte Carlo run of the prepared scenario (reduced as for `run`) with `paths` paths
    /// from `seed`; `progress` after each year; stops when `shouldStop` answers `true`.
    func monteCarlo(
        _ prepared: PreparedWhatIf, paths: Int, seed: UInt64, threads: Int,
        progress: @escaping (Int, Int) -> Void, shouldStop: @escaping () -> Bool
    ) throws -> MonteCarloTables {
        var loaded = prepared.reduced
        loaded.scenario.paths = paths
        loaded.scenario.seed = seed
        let run = try ScenarioRun(loaded, threads: threads, progress: progress, shouldStop: shouldStop)
        guard case let .monteCarlo(result) = run.outcome else { throw ServerError.failed("the run did not produce Monte Carlo statistics") }
        if shouldStop() { throw RunStopped() }
        return MonteCarloTables(
            summary: RunSummary.monteCarlo(scenario: run.simulated, result: result),
            districts: CSVRecords.all(run.file(named: "districts_quantiles.csv") ?? Data()),
            totals: try monteCarloTotals(prepared, paths: paths, seed: seed, threads: threads))
    }

    /// The what-if's totals over the horizon per path — the probability that the reform effect
    /// is negative and its quantiles — as `fiscal-sim sweep SAVED --variant what-if --grid
    /// LEVER=VALUE --paths N --seed S` computes them for one point whose value is the lever's own
    /// (`sweep.csv`'s records; empty if no lever holds a single number to anchor the point).
    private func monteCarloTotals(_ prepared: PreparedWhatIf, paths: Int, seed: UInt64, threads: Int) throws -> [[String]] {
        let template = try ScenarioTemplate(path: whatIfPath, variant: prepared.whatIf.variantName, files: prepared.files)
        let catalog = LeverCatalog(tree: template.startingTree, scenario: loaded.scenario)
        guard let anchor = catalog.levers.lazy.compactMap({ lever -> String? in
            guard case .scalar(let scalar)? = LeverCatalog.node(at: lever.path, in: template.startingTree), scalar.style == .plain,
                Double(scalar.string) != nil else { return nil }
            return "\(lever.path)=\(scalar.string)"
        }).first else { return [] }
        let plan = try SweepPlan(template: template, definition: try SweepDefinition.grid([anchor]), paths: paths, seed: seed, threads: threads)
        let evaluator = SweepEvaluator(plan, threads: threads)
        try MemoryCheck().checkSweep(bytesPerPoint: evaluator.bytesPerPoint, paths: paths, file: whatIfPath)
        let rows = try evaluator.rows(of: [1])
        return CSVRecords.all(Data(SweepTable(plan).csv(numbers: [1], rows: rows).utf8))
    }

    private func checkVariant(_ variant: String) throws(ServerError) {
        guard variantNames.contains(variant) else {
            throw ServerError.badRequest(path: "variant", "'\(variant)' is not a variant of the scenario; its variants are \(variantNames.joined(separator: ", "))")
        }
    }

    /// The served files with `text` at `whatIfPath`.
    private func overlayFiles(_ text: String) -> ScenarioFiles {
        let files = self.files
        let whatIfPath = self.whatIfPath
        let data = Data(text.utf8)
        return ScenarioFiles { path in path == whatIfPath ? data : try files.data(at: path) }
    }

    /// A failure of a run as the API reports it: values beyond model.md §19's limits and memory are
    /// the request's fault (400), anything else a 500 without details.
    static func problem(_ error: any Error) -> ServerError {
        switch error {
        case let error as ServerError: return error
        case let error as InputError: return .badRequest(error.diagnostics.map { .init(path: "set", message: $0.message) })
        case let error as ProjectionLimitViolation: return .badRequest(path: "set", "\(error)")
        default: return .failed("the run failed; the server log says why")
        }
    }
}
