import FiscalModel

/// Runs the points of a validated sweep (SPEC §15.1) and returns their `sweep.csv` metric rows.
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
    public func rows(of numbers: [Int], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [[[String]]] {
        let scenarios = numbers.map { plan.scenarios[$0 - 1] }
        let total = numbers.count
        guard plan.isMonteCarlo else {
            let counter = ProgressCounter()
            let baselines = DeterministicBaselines()
            return ParallelMap.run(total, threads: threads, done: { progress?(counter.next(), total) }) {
                SweepMetrics.deterministicRows(scenarios[$0], baselines: baselines)
            }
        }
        var rows: [[[String]]] = []
        for (index, scenario) in scenarios.enumerated() {
            let growth = scenario.reform.taxGrowth
            let known = baselines.net(growth, paths: plan.paths, seed: plan.seed)
            let sums = HorizonSimulation.run(
                scenario, paths: plan.paths, seed: plan.seed, threads: threads, counterfactualNetRevenue: known)
            if known == nil { baselines.store(sums.counterfactualNetRevenue, growth: growth, paths: plan.paths, seed: plan.seed) }
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
public final class BaselineCache: @unchecked Sendable {
    private var entries: [(growth: TaxGrowthPolicy, paths: Int, seed: UInt64, net: [Double])] = []

    /// An empty cache.
    public init() {}

    func net(_ growth: TaxGrowthPolicy, paths: Int, seed: UInt64) -> [Double]? {
        entries.first { $0.growth == growth && $0.paths == paths && $0.seed == seed }?.net
    }

    func store(_ net: [Double], growth: TaxGrowthPolicy, paths: Int, seed: UInt64) {
        entries.append((growth, paths, seed, net))
    }
}
