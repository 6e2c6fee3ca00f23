import FiscalModel
import Foundation

/// A solve (model.md §15.2, 目标求解) run to its folder's file `solve.json`, in memory — the one path
/// from options to output that `fiscal-sim solve`, `fiscal-sim test` (`command: solve`) and a
/// server share.
public struct SolveRun {
    /// What a solve is asked to do: the options of `fiscal-sim solve`.
    public struct Options: Sendable {
        /// The scenario file.
        public var scenario: String
        /// The dotted path varied (`--vary`).
        public var vary: String
        /// The range searched (`--between LO HI`).
        public var lo: Double, hi: Double
        /// The `sweep.csv` metric and the value it should reach (`--target METRIC=VALUE`).
        public var target: Target
        /// The `sweep.csv` row read: a district id or `all`.
        public var district: String
        /// The bracket width to stop at (`nil`: 1e-6 × (HI − LO); whole-number paths: 1).
        public var tolerance: Double?
        /// The variant whose `set` every evaluation starts from (`nil`: the scenario as written).
        public var variant: String?
        /// Monte Carlo paths and seed (`nil`: the scenario's).
        public var paths: Int?, seed: UInt64?
        /// Worker threads (`nil`: all cores; the output does not depend on it).
        public var threads: Int?
        /// Where the scenario and its tables are read from.
        public var files: ScenarioFiles
        /// `--set PATH=VALUE` entries applied to the scenario as written, before the variant
        /// (model.md §22); recorded in `solve.json`.
        public var settings: CommandLineSet = .none

        /// Options for solving `target` by varying `vary` in [`lo`, `hi`]; the rest as the
        /// command's defaults.
        public init(
            scenario: String, vary: String, lo: Double, hi: Double, target: Target, district: String = "all",
            tolerance: Double? = nil, variant: String? = nil, paths: Int? = nil, seed: UInt64? = nil,
            threads: Int? = nil, files: ScenarioFiles = .disk
        ) {
            self.scenario = scenario
            self.vary = vary
            (self.lo, self.hi) = (lo, hi)
            self.target = target
            self.district = district
            self.tolerance = tolerance
            self.variant = variant
            (self.paths, self.seed, self.threads) = (paths, seed, threads)
            self.files = files
        }
    }

    /// `METRIC=VALUE`: a `sweep.csv` metric and the value to reach.
    public struct Target: Sendable {
        /// The metric column.
        public var metric: String
        /// The value to reach.
        public var value: Double

        /// `text` read as METRIC=VALUE (the metric trimmed), or `nil` when it is not one.
        public init?(_ text: String) {
            guard let equals = text.firstIndex(of: "="), let value = Double(text[text.index(after: equals)...]) else { return nil }
            self.metric = text[..<equals].trimmingCharacters(in: .whitespaces)
            self.value = value
        }
    }

    /// What was solved and found.
    public let report: SolveReport

    /// `solve.json`.
    public let files: [(name: String, data: Data)]

    /// Whether a value was found (exit 0) or not (exit 1).
    public var found: Bool { report.found }

    /// Reads the scenario (its warnings go to `warn` at once), checks the metric, district and
    /// range, runs the search and renders `solve.json`: `prepare` then `Prepared.run`. Throws
    /// `InputError` for invalid input and `SweepLimitViolation` for an evaluation beyond model.md
    /// §19's limits.
    public init(_ options: Options, warn: (Diagnostic) -> Void = { _ in }) throws {
        self = try Self.prepare(options, warn: warn).run()
    }

    /// A solve read and checked, not yet run: what a caller needs to decide where it goes.
    public struct Prepared: Sendable {
        /// The checked solver.
        public let solver: Solver

        /// `out/<name>-solve`.
        public var defaultFolder: String { "out/\(solver.template.loaded.scenario.name)-solve" }

        /// The files the solve reads: an output folder must not hold one (model.md §19).
        public var inputFiles: [String] { solver.template.loaded.inputFiles }

        /// Runs the search and renders `solve.json`.
        public func run() throws -> SolveRun {
            let report = SolveReport(solver, outcome: try solver.run())
            return SolveRun(report: report, files: [("solve.json", try report.json())])
        }
    }

    /// Reads the scenario (its warnings go to `warn` at once) and checks the metric, district
    /// and range. Throws `InputError` for invalid input.
    public static func prepare(_ options: Options, warn: (Diagnostic) -> Void = { _ in }) throws -> Prepared {
        let template = try ScenarioTemplate(
            path: options.scenario, variant: options.variant, files: options.files, settings: options.settings)
        template.loaded.warnings.forEach(warn)
        return Prepared(solver: try Solver(
            template: template, path: options.vary, lo: options.lo, hi: options.hi, metric: options.target.metric,
            target: options.target.value, district: options.district, tolerance: options.tolerance,
            paths: options.paths, seed: options.seed, threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount))
    }

    private init(report: SolveReport, files: [(name: String, data: Data)]) {
        self.report = report
        self.files = files
    }
}
