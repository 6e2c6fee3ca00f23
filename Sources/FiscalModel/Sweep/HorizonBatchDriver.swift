import Dispatch

/// One projected year of one batch, as `HorizonBatchDriver` hands it to the reform step: the
/// year's tax shocks and scratch, the columns the reform writes, and (when the no-adoption run is
/// simulated) the columns the counterfactual wrote.
struct HorizonBatchYear {
    /// The batch's index (its violation slot).
    let batch: Int
    /// The batch's first path.
    let first: Int
    /// Paths in the batch.
    let count: Int
    /// The projected year index.
    let yearIndex: Int
    /// The year's tax shocks of the batch (`TaxShocks`, unit-major).
    let shocks: UnsafeMutablePointer<Double>
    /// Donation-factor scratch of the worker.
    let factors: UnsafeMutablePointer<Double>
    /// The standard normal draws per (seed, path, year).
    let draws: NormalDraws
    /// The reform's columns of this year (the step writes them).
    let columns: YearColumns
    /// The counterfactual's columns (`nil` when its sums are known and it is not simulated).
    let counterfactual: YearColumns?
}

/// The batch loop of a sweep point's lean Monte Carlo run (model.md §15.1, 扫描点的批次循环):
/// batches of `MonteCarloSimulation.batchSize` paths shared among the workers, each batch running
/// all its years — the year's shocks, the no-adoption run's step with its limit check and sums,
/// and the reform's step the caller gives — until the last year or the first limit violation
/// (model.md §19, ranked by (year, run): reform 0, counterfactual 1). Used by the plain point
/// (`HorizonSimulation.run`) and the point with waves (the counterfactual first, since the
/// waves decide on it, model.md §20).
struct HorizonBatchDriver {
    /// The reform's step of one batch: given its first path and count, a function that advances
    /// the batch one year, checks its limits and adds its sums, returning the violation that
    /// stops the batch (or `nil`).
    typealias ReformStep = @Sendable (_ first: Int, _ count: Int) -> (HorizonBatchYear) -> ProjectionLimitViolation?

    /// The scenario.
    let scenario: Scenario
    /// Paths of the run.
    let paths: Int
    /// The no-adoption engine simulated alongside (`nil`: not simulated).
    let baseline: YearEngine?
    /// Whether the counterfactual advances before the reform in each year.
    let counterfactualFirst: Bool
    /// The per-path sums every batch adds to.
    let sums: SumBuffers
    /// The projection limits.
    let limits: ProjectionGuard
    /// The tax shocks per (seed, path, year).
    let shocks: TaxShocks
    /// The normal draws per (seed, path, year).
    let draws: NormalDraws
    /// Donation sources of the larger engine (the factor scratch's size).
    private let sources: Int

    /// A driver of `paths` paths from `seed`; `reformSources` is the reform engine's number of
    /// donation sources.
    init(_ scenario: Scenario, paths: Int, seed: UInt64, baseline: YearEngine?, reformSources: Int?, counterfactualFirst: Bool) {
        self.scenario = scenario
        self.paths = paths
        self.baseline = baseline
        self.counterfactualFirst = counterfactualFirst
        sums = SumBuffers(districts: scenario.districts.count, paths: paths)
        limits = ProjectionGuard(scenario)
        shocks = TaxShocks(
            correlation: scenario.reform.taxGrowth.correlation, districtOf: scenario.units.map(\.districtIndex), seed: seed)
        draws = NormalDraws(seed: seed)
        sources = [reformSources, baseline?.policy.donations?.sourceAmounts.count].compactMap { $0 }.max() ?? 0
    }

    /// Runs every batch on up to `threads` workers with `reform` as the reform's step; returns
    /// the earliest limit violation by (year, run), the lowest batch among equals, so it does
    /// not depend on `threads`.
    func run(threads: Int, reform: @escaping ReformStep) -> ProjectionLimitViolation? {
        let n = scenario.units.count, d = scenario.districts.count, years = scenario.horizon.count
        let batchSize = MonteCarloSimulation.batchSize
        let batchCount = (paths + batchSize - 1) / batchSize
        let workers = max(1, min(threads, batchCount))
        let violations = ViolationSlots(count: batchCount)
        let (paths, baseline, sources, counterfactualFirst) = (paths, baseline, sources, counterfactualFirst)
        let (shocks, draws, limits, sums) = (shocks, draws, limits, sums)

        let work: @Sendable (Int) -> Void = { worker in
            let columns = YearColumns(unitCount: n, districtCount: d, paths: batchSize)
            let baseColumns = baseline.map { _ in YearColumns(unitCount: n, districtCount: d, paths: batchSize) }
            let shock = Buffer(count: n * batchSize)
            let factors = Buffer(count: max(1, sources * d * batchSize))
            let districtScratch = Buffer(count: d + 1)
            var b = worker
            while b < batchCount {
                let first = b * batchSize
                let count = min(batchSize, paths - first)
                let step = reform(first, count)
                let baseState = baseline.map { PathBatch($0, count: count) }
                /// The no-adoption run's year: false when it violates a limit.
                func counterfactualYear(_ y: Int) -> Bool {
                    guard let baseline, let baseState, let baseColumns else { return true }
                    baseline.advance(
                        baseState, yearIndex: y, firstPath: first, taxShocks: shock.pointer, draws: draws,
                        factorScratch: factors.pointer, into: baseColumns.output)
                    if let found = limits.firstViolation(
                        variant: Variant.counterfactualName, engine: baseline, columns: baseColumns, yearIndex: y, paths: 0..<count)
                    {
                        violations.store(found, rank: (y, 1), batch: b)
                        return false
                    }
                    sums.addCounterfactual(baseColumns.output, first: first, count: count)
                    return true
                }
                years: for y in 0..<years {
                    shocks.fill(shock.pointer, firstPath: first, paths: count, year: y, districtScratch: districtScratch.pointer)
                    if counterfactualFirst, !counterfactualYear(y) { break years }
                    let year = HorizonBatchYear(
                        batch: b, first: first, count: count, yearIndex: y, shocks: shock.pointer, factors: factors.pointer,
                        draws: draws, columns: columns, counterfactual: baseColumns)
                    if let found = step(year) {
                        violations.store(found, rank: (y, 0), batch: b)
                        break years
                    }
                    if !counterfactualFirst, !counterfactualYear(y) { break years }
                }
                b += workers
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        return violations.earliest()
    }
}
