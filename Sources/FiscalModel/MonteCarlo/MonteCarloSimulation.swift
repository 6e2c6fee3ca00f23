import COpenBLAS
import Dispatch
import Synchronization

/// Runs a scenario over S Monte Carlo paths (model.md §8) and summarises every unit-year and
/// district-year by mean and quantiles.
///
/// Work streams by year: all paths advance one year (in fixed batches of `batchSize` paths,
/// spread over the worker threads), the year's statistics are taken, and the next year reuses
/// the buffers, so memory is O(S × N), not O(S × N × T). Every variant and counterfactual sees
/// the same draws (common random numbers). The result is a pure function of (scenario, seed,
/// S): batches are fixed by S alone, each batch's draws depend only on (seed, path, year,
/// stream), and every statistic is computed by one thread in path order — so the output is
/// bit-identical for any thread count.
public struct MonteCarloSimulation: Sendable {
    /// The validated scenario.
    public let scenario: Scenario
    /// Paths per batch: the unit of parallel work and of the BLAS product z = L·η.
    public static let batchSize = 64

    /// Where the scenario's units and districts sit in the draws: their own indices, or for a
    /// shard (model.md §16) their indices in the full run.
    public let draws: DrawIndices
    /// Whether this is one shard of a sharded run (model.md §16), even one that holds every
    /// district: a shard keeps the brief's exact partial sums for `merge`, so that every shard
    /// of one job writes the same set of files.
    public let isShard: Bool

    /// Creates a simulation of `scenario`.
    public init(_ scenario: Scenario) {
        self.init(scenario, draws: DrawIndices(identityOf: scenario), isShard: false)
    }

    /// Creates a simulation of `scenario` drawing as the full run whose units and districts
    /// `draws` names (a shard's restricted scenario, `ScenarioShard`).
    public init(_ scenario: Scenario, draws: DrawIndices, isShard: Bool = true) {
        precondition(draws.units.count == scenario.units.count && draws.districts.count == scenario.districts.count)
        self.scenario = scenario
        self.draws = draws
        self.isShard = isShard
    }

    /// One simulated policy: a reported variant or a counterfactual used for reform effects.
    private struct SimulatedRun {
        let engine: YearEngine
        /// Position in the output (`nil`: not written, only its net revenue is used).
        let reported: Int?
        /// Index of the counterfactual run that supplies the reform effect's baseline
        /// (`nil` for counterfactual runs themselves).
        let counterfactual: Int?
        /// Index of the tax-shock structure.
        let shocks: Int
        /// The variant's evidence-gated waves on every path (model.md §20), if it has any.
        var waves: WaveTracker? = nil
    }

    /// Runs `paths` paths from `seed` on `threads` worker threads; `progress(done, total)` is
    /// called on the calling thread after each projected year. `shouldStop` is asked before each
    /// year (the what-if page's cancel button); once it answers `true` the run stops and its
    /// result is incomplete: the caller discards it.
    public func run(
        paths: Int, seed: UInt64, threads: Int, progress: ((Int, Int) -> Void)? = nil,
        shouldStop: (() -> Bool)? = nil
    ) -> MonteCarloResult {
        precondition(paths >= 1 && threads >= 1)
        let started = DispatchTime.now().uptimeNanoseconds
        // The engine parallelises over paths; BLAS gets one thread.
        openblas_set_num_threads(1)
        let s = scenario
        let n = s.units.count
        let d = s.districts.count
        let years = s.horizon.count
        let variants = s.policyVariants

        // Counterfactuals first: one per distinct tax-growth policy (`CounterfactualPlan`); the
        // reform's is the reported counterfactual.
        let plan = CounterfactualPlan(s)
        var runs: [SimulatedRun] = []
        var structures: [CorrelationStructure] = []
        func structure(_ policy: Policy) -> Int {
            if let index = structures.firstIndex(of: policy.taxGrowth.correlation) { return index }
            structures.append(policy.taxGrowth.correlation)
            return structures.count - 1
        }
        for (r, v) in plan.representatives.enumerated() {
            let policy = variants[v].policy
            let engine = YearEngine(CompiledPolicy(policy, of: s, counterfactual: true))
            runs.append(SimulatedRun(engine: engine, reported: r == 0 ? 0 : nil, counterfactual: nil, shocks: structure(policy)))
        }
        for (v, variant) in variants.enumerated() {
            let engine = YearEngine(CompiledPolicy(variant.policy, of: s, counterfactual: false))
            runs.append(
                SimulatedRun(engine: engine, reported: v + 1, counterfactual: plan.runOf[v],
                             shocks: structure(variant.policy), waves: WaveTracker(variant.policy, of: s, paths: paths)))
        }
        let fees = s.feeCategories.count
        let result = MonteCarloResult(
            paths: paths, seed: seed, variants: [Variant.counterfactualName] + variants.map(\.name), unitCount: n,
            districtCount: d, yearCount: years, unitMetrics: UnitYearColumn.monteCarloFields(categoryCount: fees),
            districtMetrics: DistrictYearColumn.monteCarloFields(categoryCount: fees))

        // Batches, fixed by S alone.
        let batchSize = Self.batchSize
        let batchCount = (paths + batchSize - 1) / batchSize
        let batchStart = (0..<batchCount).map { $0 * batchSize }
        let batchPaths = batchStart.map { min(batchSize, paths - $0) }
        let workers = max(1, min(threads, batchCount, max(n + d, 1)))

        let shockGenerators = structures.map {
            TaxShocks(correlation: $0, districtOf: s.units.map(\.districtIndex), seed: seed, indices: draws)
        }
        let shockBuffers = structures.map { _ in Buffer(count: n * paths) }
        let states = runs.map { run in batchPaths.map { PathBatch(run.engine, count: $0) } }
        let columns = YearColumns(unitCount: n, districtCount: d, paths: paths)
        let counterfactualNet = runs.map { $0.counterfactual == nil ? Buffer(count: d * paths) : Buffer(count: 0) }
        let clamped = Buffer(count: runs.count * batchCount)
        let maxSources = runs.map { $0.engine.policy.donations?.sourceAmounts.count ?? 0 }.max() ?? 0
        let scratch = (0..<workers).map { _ in
            WorkerScratch(
                paths: paths, factors: maxSources * d * batchSize,
                districts: shockGenerators.map { $0.scratchCount(paths: batchSize) }.max() ?? d + 1)
        }
        let normals = NormalDraws(seed: seed)
        let poolOrder = PoolOrder(districts: d, paths: paths)
        // Rows that repeat an earlier row bit for bit reuse its statistics: the tax of units the
        // reform does not touch repeats the (reported) counterfactual's, and a fixed reference
        // repeats last year's between rebases.
        let taxCache = runs.contains { $0.reported == 0 } ? RowStatisticsCache(units: n, paths: paths) : nil
        let rowRanges = RowRangeMemory(variants: variants.count + 1, units: n)
        let referenceCaches = runs.map { run in
            run.reported != nil && run.engine.applies.contains(true) ? RowStatisticsCache(units: n, paths: paths) : nil
        }

        func parallel(_ tasks: Int, _ body: @Sendable (Int, Int) -> Void) {
            if workers == 1 {
                for task in 0..<tasks { body(task, 0) }
                return
            }
            // Each worker claims the next task when it is free, so one slow task (the brief, a
            // district) does not leave the other workers idle at the end of the phase.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                while true {
                    let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard task < tasks else { break }
                    body(task, worker)
                }
            }
        }

        var timings = MonteCarloTimings()
        func timed(_ phase: WritableKeyPath<MonteCarloTimings, Double>, _ body: () -> Void) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            timings[keyPath: phase] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }

        // model.md §19: each simulated year is checked on every path before statistics are taken;
        // the run stops at the first value beyond the limits.
        let limits = ProjectionGuard(s)
        let brief = PathBrief(
            variants: variants.count, districts: d, years: years, paths: paths, discountRate: s.discountRate,
            keepsPartials: isShard)
        let names = [Variant.counterfactualName] + variants.map(\.name)
        let outOfLimits = Buffer(count: batchCount)
        var violation: ProjectionLimitViolation?

        timings.setup = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        years: for y in 0..<years {
            if shouldStop?() == true { break years }
            // Shocks for every batch and correlation structure.
            timed(\.shocks) { parallel(batchCount) { b, w in
                for (k, generator) in shockGenerators.enumerated() {
                    generator.fill(
                        shockBuffers[k].pointer + batchStart[b] * n, firstPath: batchStart[b], paths: batchPaths[b],
                        year: y, districtScratch: scratch[w].districts.pointer)
                }
            } }
            for (r, run) in runs.enumerated() {
                let engine = run.engine
                // Waves (model.md §20): every path decides before the year, then runs its state's engine.
                run.waves?.decide(yearIndex: y)
                timed(\.simulation) { parallel(batchCount) { b, w in
                    let first = batchStart[b]
                    let clampedHere: Int
                    if let waves = run.waves {
                        clampedHere = waves.advance(
                            states[r][b], yearIndex: y, firstPath: first,
                            taxShocks: shockBuffers[run.shocks].pointer + first * n, draws: normals, indices: draws,
                            factorScratch: scratch[w].factors.pointer, into: columns.output.shifted(by: first),
                            counterfactualNet: UnsafePointer(counterfactualNet[run.counterfactual!].pointer))
                    } else {
                        clampedHere = engine.advance(
                            states[r][b], yearIndex: y, firstPath: first,
                            taxShocks: shockBuffers[run.shocks].pointer + first * n, draws: normals, indices: draws,
                            factorScratch: scratch[w].factors.pointer, into: columns.output.shifted(by: first))
                    }
                    clamped.pointer[r * batchCount + b] += Double(clampedHere)
                    let range = first..<(first + batchPaths[b])
                    let clean = (run.waves?.engines(of: range) ?? [engine]).allSatisfy {
                        limits.isClean(engine: $0, columns: columns, yearIndex: y, paths: range)
                    }
                    outOfLimits.pointer[b] = clean ? 0 : 1
                } }
                if (0..<batchCount).contains(where: { outOfLimits.pointer[$0] != 0 }),
                    let found = limits.check(
                        variant: run.reported.map { names[$0] } ?? Variant.counterfactualName, engine: engine,
                        columns: columns, yearIndex: y, paths: 0..<paths)
                {
                    violation = found
                    break years
                }
                if run.counterfactual == nil {
                    let tax = columns[DistrictYearColumn.tax]
                    let rebates = columns[DistrictYearColumn.rebates]
                    let net = counterfactualNet[r].pointer
                    for k in 0..<(d * paths) { net[k] = tax[k] - rebates[k] }
                }
                guard let v = run.reported else { continue }
                let baseline = run.counterfactual.map { counterfactualNet[$0] }
                // The brief's per-path sums (a reform variant's) are one more task beside the statistics.
                let briefBaseline = v > 0 ? baseline : nil
                timed(\.statistics) { parallel(d) { district, _ in
                    poolOrder.update(district: district, pooled: columns[DistrictYearColumn.donationsPooled] + district * paths)
                } }
                timed(\.statistics) { parallel(n + d + (briefBaseline == nil ? 0 : 1)) { task, w in
                    if task == n + d, let briefBaseline {
                        addBrief(
                            brief, variant: v - 1, year: y, engine: engine, waves: run.waves, columns: columns,
                            baseline: briefBaseline)
                    } else if task < n {
                        unitStatistics(
                            engine, unit: task, year: y, variant: v, columns: columns, result: result,
                            scratch: scratch[w], poolOrder: poolOrder.of(district: s.units[task].districtIndex),
                            taxCache: taxCache, referenceCache: referenceCaches[r], ranges: rowRanges,
                            ownEngine: run.waves == nil)
                        if let waves = run.waves {
                            waveUnitStatistics(
                                waves, base: engine, unit: task, year: y, variant: v, columns: columns, result: result, scratch: scratch[w])
                        }
                    } else {
                        districtStatistics(
                            engine, district: task - n, year: y, variant: v, columns: columns,
                            counterfactualNet: baseline?.pointer, result: result, scratch: scratch[w])
                        if let waves = run.waves {
                            waveDistrictStatistics(
                                waves, district: task - n, year: y, variant: v, columns: columns, result: result,
                                scratch: scratch[w])
                        }
                    }
                } }
            }
            progress?(y + 1, years)
        }
        var totalClamped = 0.0
        for k in 0..<(runs.count * batchCount) { totalClamped += clamped.pointer[k] }
        var final = result.with(
            clampedTax: Int(totalClamped), timings: timings, simulatedRuns: runs.count, limitViolation: violation,
            brief: brief)
        final.waves = [[]] + runs.filter { $0.reported != nil && $0.counterfactual != nil }.map { $0.waves?.results() ?? [] }
        return final
    }
}
