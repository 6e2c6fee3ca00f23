import FiscalModel

/// Runs the points of a validated sweep (model.md §15.1) and returns their `sweep.csv` metric rows.
///
/// Deterministic points run in parallel, one per thread; a Monte Carlo point runs its batches
/// of paths in parallel, and points with the same tax-growth policy share one no-adoption run
/// (common random numbers make it the same for all of them). Rows never depend on `threads`.
public struct SweepEvaluator: Sendable {
    /// The validated sweep.
    public let plan: SweepPlan
    /// Worker threads.
    public let threads: Int
    /// No-adoption runs already simulated, shared with later evaluators of the same sweep.
    public let baselines: BaselineCache

    /// An evaluator of `plan` on `threads` threads, reusing the no-adoption runs in `baselines`.
    public init(_ plan: SweepPlan, threads: Int, baselines: BaselineCache = BaselineCache()) {
        self.plan = plan
        self.threads = max(1, threads)
        self.baselines = baselines
    }

    /// Bytes a Monte Carlo point allocates (0 for a deterministic sweep): what a memory check
    /// compares with the machine before the sweep starts.
    public var bytesPerPoint: Int {
        guard plan.isMonteCarlo, let scenario = plan.scenarios.first else { return 0 }
        return HorizonSimulation.bytesNeeded(scenario, paths: plan.paths, threads: threads)
    }

    /// The metric rows of the points `numbers` (1-based, in the order given): per point, one row
    /// per district in declared order, then `all`. `progress(done, total)` follows the points.
    /// Throws for the first point (in the order given) whose run reaches model.md §19's limits.
    public func rows(
        of numbers: [Int], progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SweepLimitViolation) -> [[[String]]] {
        let scenarios = numbers.map { plan.scenarios[$0 - 1] }
        let total = numbers.count
        func failure(_ index: Int, _ violation: ProjectionLimitViolation) -> SweepLimitViolation {
            let point = plan.definition.points[numbers[index] - 1]
            return SweepLimitViolation(point: SweepPlan.label(point, paths: plan.definition.paths), violation: violation)
        }
        guard plan.isMonteCarlo else {
            let counter = ProgressCounter()
            let baselines = DeterministicBaselines()
            let outcomes = ParallelMap.run(total, threads: threads, done: { progress?(counter.next(), total) }) {
                index -> Result<[[String]], ProjectionLimitViolation> in
                Result { () throws(ProjectionLimitViolation) in
                    try SweepMetrics.deterministicRows(scenarios[index], baselines: baselines)
                }
            }
            return try outcomes.enumerated().map { (index, outcome) throws(SweepLimitViolation) in
                switch outcome {
                case .success(let rows): return rows
                case .failure(let violation): throw failure(index, violation)
                }
            }
        }
        var rows: [[[String]]] = []
        for (index, scenario) in scenarios.enumerated() {
            let key = BaselineCache.Key(CounterfactualPlan.key(of: scenario.reform), paths: plan.paths, seed: plan.seed)
            let known = baselines.value(for: key)
            let sums = HorizonSimulation.run(
                scenario, paths: plan.paths, seed: plan.seed, threads: threads, counterfactualNetRevenue: known)
            if let violation = sums.limitViolation { throw failure(index, violation) }
            if known == nil { baselines.store(sums.counterfactualNetRevenue, for: key) }
            rows.append(SweepMetrics.monteCarloRows(sums, scenario: scenario))
            progress?(index + 1, total)
        }
        return rows
    }
}

/// Counts finished tasks (called under `ParallelMap`'s lock).
private final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    func next() -> Int {
        done += 1
        return done
    }
}

/// Per-path horizon net revenue of no-adoption runs by tax-growth policy, paths and seed (all
/// such a run depends on): points that differ only in a policy parameter share one.
public typealias BaselineCache = CounterfactualCache<[Double]>
