import FiscalModel
import Foundation

/// A sweep (model.md §15.1, 参数扫描) run to the files of its folder, in memory — the one path from
/// options to output that `fiscal-sim sweep` (which then writes the folder), `fiscal-sim test`
/// (`command: sweep`, which reads the tables back) and a server share.
public struct SweepRun {
    /// What a sweep is asked to do: the options of `fiscal-sim sweep`.
    public struct Options: Sendable {
        /// Where the points come from.
        public enum Points: Sendable {
            /// `--grid PATH=VALUES` as typed (several: the Cartesian product, the first slowest).
            case grid([String])
            /// `--design FILE.csv`: one row per point.
            case design(String)
        }

        /// The scenario file.
        public var scenario: String
        /// The points.
        public var points: Points
        /// The variant whose `set` every point starts from (`nil`: the scenario as written).
        public var variant: String?
        /// Monte Carlo paths and seed (`nil`: the scenario's).
        public var paths: Int?, seed: UInt64?
        /// Worker threads (`nil`: all cores; the output does not depend on it).
        public var threads: Int?
        /// Only this shard's points (model.md §16); the folder then also holds `shard.json`.
        public var shard: Shard?
        /// The language of the workbook `sweep.xlsx`, or `nil` for none.
        public var workbook: WorkbookLanguage?
        /// Where the scenario, its tables and the design file are read from.
        public var files: ScenarioFiles
        /// `--set PATH=VALUE` entries applied to the scenario as written, before the variant and
        /// the points (model.md §22); recorded in the manifest.
        public var settings: CommandLineSet = .none

        /// Options for sweeping `scenario` over `points`; the rest as the command's defaults.
        public init(
            scenario: String, points: Points, variant: String? = nil, paths: Int? = nil, seed: UInt64? = nil,
            threads: Int? = nil, shard: Shard? = nil, workbook: WorkbookLanguage? = nil, files: ScenarioFiles = .disk
        ) {
            self.scenario = scenario
            self.points = points
            self.variant = variant
            (self.paths, self.seed, self.threads) = (paths, seed, threads)
            self.shard = shard
            self.workbook = workbook
            self.files = files
        }
    }

    /// The validated sweep.
    public let plan: SweepPlan
    /// The points evaluated (1-based): all, or the shard's.
    public let numbers: [Int]
    /// `sweep.csv`, `sweep.json`, `datapackage.json` (and `shard.json` for a shard), in
    /// writing order.
    public let files: [(name: String, data: Data)]
    /// The workbook `sweep.xlsx`, if asked for.
    public let workbook: ReportWorkbook?
    /// The shard evaluated, if any.
    public let shard: Shard?

    /// Everything the folder holds, for `RunFolder.write(_:)`.
    public var entries: [RunFolder.Entry] {
        var entries = files.map { RunFolder.Entry.file(name: $0.name, data: $0.data) }
        if let workbook { entries.append(.produced(name: ReportWorkbook.sweepFileName) { try workbook.write(to: $0) }) }
        return entries
    }

    /// What `fiscal-sim sweep` prints after writing to `folder`, in `language` (`--lang`).
    public func summary(folder: String, language: WorkbookLanguage = .english) -> [String] {
        let districts = SweepTable(plan).districts.count
        let names = files.map(\.name).filter { $0 != "shard.json" } + (workbook == nil ? [] : [ReportWorkbook.sweepFileName])
            + (shard == nil ? [] : ["shard.json"])
        let points = plan.definition.points.count
        let written = names.joined(separator: ", ")
        let draws = plan.isMonteCarlo ? language.pick("\(plan.paths) paths", "\(plan.paths) 条路径") : language.pick("deterministic", "确定性")
        return [
            language.pick("\(points) points × \(districts) rows (\(draws))", "\(points) 个扫描点 × \(districts) 行（\(draws)）"),
            language.pick("Wrote \(folder)/ (\(written))", "已写入 \(folder)/（\(written)）"),
        ]
    }

    /// Reads the scenario (its warnings go to `warn` at once), checks the whole sweep, checks
    /// that a Monte Carlo point fits in memory, evaluates the points (`progress(done, total)`
    /// after each) and renders the files: `prepare` then `Prepared.run`. Throws `InputError` for
    /// invalid input (nothing runs) and `SweepLimitViolation` for a point beyond model.md §19's limits.
    public init(
        _ options: Options, warn: (Diagnostic) -> Void = { _ in }, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws {
        self = try Self.prepare(options, warn: warn).run(progress: progress)
    }

    /// A sweep read and checked, not yet evaluated: what a caller needs to decide where it goes.
    public struct Prepared: Sendable {
        /// The validated sweep.
        public let plan: SweepPlan
        /// The points to evaluate (1-based): all, or the shard's.
        public let numbers: [Int]
        /// The options it was prepared from.
        public let options: Options
        /// Worker threads.
        public let threads: Int
        fileprivate let grid: [String]

        /// `out/<name>-sweep`, or `out/<name>-sweep-shard-I-of-K` for a shard.
        public var defaultFolder: String {
            let name = "out/\(plan.template.loaded.scenario.name)-sweep"
            return options.shard.map { "\(name)-shard-\($0.index)-of-\($0.count)" } ?? name
        }

        /// The files the sweep reads (scenario, tables, design file): an output folder must not hold one (model.md §19).
        public var inputFiles: [String] {
            guard case let .design(design) = options.points else { return plan.template.loaded.inputFiles }
            return plan.template.loaded.inputFiles + [design]
        }

        /// Checks that a Monte Carlo point fits in memory, evaluates the points
        /// (`progress(done, total)` after each) and renders the files.
        public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SweepRun {
            let evaluator = SweepEvaluator(plan, threads: threads)
            try MemoryCheck().checkSweep(bytesPerPoint: evaluator.bytesPerPoint, paths: plan.paths, file: options.scenario)
            let rows = try evaluator.rows(of: numbers, progress: progress)
            let files = try SweepFolder.files(plan, numbers: numbers, rows: rows, grid: grid, shard: options.shard, workbook: options.workbook != nil)
            let csv = files[0].data  // sweep.csv comes first
            let workbook = options.workbook.map { [plan] language in
                ReportWorkbook.sweep(loaded: plan.template.loaded, sweepCSV: csv, paths: plan.paths, seed: plan.seed, language: language)
            }
            return SweepRun(plan: plan, numbers: numbers, files: files, workbook: workbook, shard: options.shard)
        }
    }

    /// Reads the scenario (its warnings go to `warn` at once) and the points, and checks the whole
    /// sweep. Throws `InputError` for invalid input.
    public static func prepare(_ options: Options, warn: (Diagnostic) -> Void = { _ in }) throws -> Prepared {
        let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let template = try ScenarioTemplate(
            path: options.scenario, variant: options.variant, files: options.files, settings: options.settings)
        template.loaded.warnings.forEach(warn)
        let definition: SweepDefinition
        var grid: [String] = []
        switch options.points {
        case let .design(design):
            let data: Data
            do {
                data = try options.files.data(at: design)
            } catch {
                throw InputError([Diagnostic(file: design, message: "cannot read the design file: \(InputFile.reason(error)); check the path")])
            }
            definition = try SweepDefinition.design(data, file: design)
        case let .grid(values):
            grid = values
            definition = try SweepDefinition.grid(values)
        }
        let plan = try SweepPlan(template: template, definition: definition, paths: options.paths, seed: options.seed, threads: threads)
        let count = plan.definition.points.count
        return Prepared(plan: plan, numbers: options.shard?.points(of: count) ?? Array(1...count), options: options, threads: threads, grid: grid)
    }

    private init(plan: SweepPlan, numbers: [Int], files: [(name: String, data: Data)], workbook: ReportWorkbook?, shard: Shard?) {
        self.plan = plan
        self.numbers = numbers
        self.files = files
        self.workbook = workbook
        self.shard = shard
    }

    /// The bytes of the file called `name`, if the sweep writes one.
    public func file(named name: String) -> Data? { files.first { $0.name == name }?.data }
}
