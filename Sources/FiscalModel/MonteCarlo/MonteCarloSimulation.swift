import COpenBLAS
import Dispatch

/// Runs a scenario over S Monte Carlo paths (SPEC §8) and summarises every unit-year and
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
    /// shard (SPEC §16) their indices in the full run.
    public let draws: DrawIndices

    /// Creates a simulation of `scenario`.
    public init(_ scenario: Scenario) { self.init(scenario, draws: DrawIndices(identityOf: scenario)) }

    /// Creates a simulation of `scenario` drawing as the full run whose units and districts
    /// `draws` names (a shard's restricted scenario, `ScenarioShard`).
    public init(_ scenario: Scenario, draws: DrawIndices) {
        precondition(draws.units.count == scenario.units.count && draws.districts.count == scenario.districts.count)
        self.scenario = scenario
        self.draws = draws
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
        /// The variant's evidence-gated waves on every path (SPEC §20), if it has any.
        var waves: WaveTracker? = nil
    }

    /// Runs `paths` paths from `seed` on `threads` worker threads; `progress(done, total)` is
    /// called on the calling thread after each projected year.
    public func run(
        paths: Int, seed: UInt64, threads: Int, progress: ((Int, Int) -> Void)? = nil
    ) -> MonteCarloResult {
        precondition(paths >= 1 && threads >= 1)
        // The engine parallelises over paths; BLAS gets one thread.
        openblas_set_num_threads(1)
        let s = scenario
        let n = s.units.count
        let d = s.districts.count
        let years = s.horizon.count
        let variants = s.policyVariants

        // Counterfactuals: one per distinct tax-growth policy (all a no-adoption run depends on).
        var counterfactualPolicies: [TaxGrowthPolicy] = []
        var counterfactualOf: [Int] = []
        var runs: [SimulatedRun] = []
        var structures: [CorrelationStructure] = []
        func structure(_ policy: Policy) -> Int {
            if let index = structures.firstIndex(of: policy.taxGrowth.correlation) { return index }
            structures.append(policy.taxGrowth.correlation)
            return structures.count - 1
        }
        for variant in variants {
            if let index = counterfactualPolicies.firstIndex(of: variant.policy.taxGrowth) {
                counterfactualOf.append(index)
                continue
            }
            counterfactualPolicies.append(variant.policy.taxGrowth)
            counterfactualOf.append(runs.count)
            let engine = YearEngine(CompiledPolicy(variant.policy, of: s, counterfactual: true))
            runs.append(
                SimulatedRun(engine: engine, reported: runs.isEmpty ? 0 : nil, counterfactual: nil,
                             shocks: structure(variant.policy)))
        }
        for (v, variant) in variants.enumerated() {
            let engine = YearEngine(CompiledPolicy(variant.policy, of: s, counterfactual: false))
            runs.append(
                SimulatedRun(engine: engine, reported: v + 1, counterfactual: counterfactualOf[v],
                             shocks: structure(variant.policy), waves: WaveTracker(variant.policy, of: s, paths: paths)))
        }
        let metrics = UnitMetric.all(feeCount: s.feeCategories.count)
        let result = MonteCarloResult(
            paths: paths, seed: seed, variants: [Variant.counterfactualName] + variants.map(\.name), unitCount: n,
            districtCount: d, yearCount: years, unitMetrics: metrics)

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
        let poolOrder = IndexBuffer(count: d * paths)
        // Rows that repeat an earlier row bit for bit reuse its statistics: the tax of units the
        // reform does not touch repeats the (reported) counterfactual's, and a fixed reference
        // repeats last year's between rebases.
        let taxCache = runs.contains { $0.reported == 0 } ? RowStatisticsCache(units: n, paths: paths) : nil
        let referenceCaches = runs.map { run in
            run.reported != nil && run.engine.applies.contains(true) ? RowStatisticsCache(units: n, paths: paths) : nil
        }

        func parallel(_ tasks: Int, _ body: @Sendable (Int, Int) -> Void) {
            if workers == 1 {
                for task in 0..<tasks { body(task, 0) }
                return
            }
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var task = worker
                while task < tasks {
                    body(task, worker)
                    task += workers
                }
            }
        }

        var timings = MonteCarloTimings()
        func timed(_ phase: WritableKeyPath<MonteCarloTimings, Double>, _ body: () -> Void) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            timings[keyPath: phase] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }

        // SPEC §19: each simulated year is checked on every path before statistics are taken;
        // the run stops at the first value beyond the limits.
        let limits = ProjectionGuard(s)
        let names = [Variant.counterfactualName] + variants.map(\.name)
        let outOfLimits = Buffer(count: batchCount)
        var violation: ProjectionLimitViolation?

        years: for y in 0..<years {
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
                // Waves (SPEC §20): every path decides before the year, then runs its state's engine.
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
                    let tax = columns.districtColumn(0)
                    let rebates = columns.districtColumn(1)
                    let net = counterfactualNet[r].pointer
                    for k in 0..<(d * paths) { net[k] = tax[k] - rebates[k] }
                }
                guard let v = run.reported else { continue }
                let baseline = run.counterfactual.map { counterfactualNet[$0] }
                // Each district's paths in the order of their donation pool: donations (and the
                // resources of units without a rebate) usually follow it, which saves a selection.
                timed(\.statistics) { parallel(d) { district, _ in
                    let pooled = columns.districtColumn(3) + district * paths
                    let order = poolOrder.pointer + district * paths
                    for p in 0..<paths { order[p] = Int32(p) }
                    var buffer = UnsafeMutableBufferPointer(start: order, count: paths)
                    buffer.sort { a, b in
                        let x = pooled[Int(a)], y = pooled[Int(b)]
                        return x < y || (x == y && a < b)
                    }
                } }
                timed(\.statistics) { parallel(n + d) { task, w in
                    if task < n {
                        unitStatistics(
                            engine, unit: task, year: y, variant: v, columns: columns, result: result,
                            scratch: scratch[w], poolOrder: UnsafePointer(poolOrder.pointer + s.units[task].districtIndex * paths),
                            taxCache: taxCache, referenceCache: referenceCaches[r])
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
            clampedTax: Int(totalClamped), timings: timings, simulatedRuns: runs.count, limitViolation: violation)
        final.waves = [[]] + runs.filter { $0.reported != nil && $0.counterfactual != nil }.map { $0.waves?.results() ?? [] }
        return final
    }

    /// Statistics of every metric of unit `i` in year index `y`.
    private func unitStatistics(
        _ engine: YearEngine, unit i: Int, year y: Int, variant v: Int, columns: YearColumns, result: MonteCarloResult,
        scratch: WorkerScratch, poolOrder: UnsafePointer<Int32>, taxCache: RowStatisticsCache?,
        referenceCache: RowStatisticsCache?
    ) {
        let policy = engine.policy
        let n = policy.unitCount
        let paths = columns.paths
        let k = y * n + i
        let sort = scratch.sort.pointer
        func column(_ c: Int) -> UnsafePointer<Double> { UnsafePointer(columns.unitColumn(c) + i * paths) }
        func constant(_ value: Double, _ out: UnsafeMutablePointer<Double>) {
            for j in 0..<RowStatistics.count { out[j] = value }
        }
        let need = engine.need[k]
        func row(_ metric: UnitMetric) -> UnsafeMutablePointer<Double> {
            result.unitStatistics.row(result.unitRow(variant: v, unit: i, year: y, metric: result.unitMetrics.firstIndex(of: metric)!))
        }
        for (m, metric) in result.unitMetrics.enumerated() {
            let out = result.unitStatistics.row(result.unitRow(variant: v, unit: i, year: y, metric: m))
            switch metric {
            case .tax:
                // The counterfactual (variant 0) fills the cache; the variants look their rows up.
                if let taxCache, v != 0, taxCache.lookup(unit: i, column(0), into: out) { break }
                RowStatistics.compute(column(0), count: paths, scratch: sort, into: out)
                if let taxCache, v == 0 { taxCache.store(unit: i, column(0), statistics: UnsafePointer(out)) }
            case .reference:
                guard engine.applies[k] else { break }
                if let referenceCache {
                    referenceCache.statistics(unit: i, column(1), into: out) {
                        RowStatistics.compute(column(1), count: paths, scratch: sort, into: $0)
                    }
                } else {
                    RowStatistics.compute(column(1), count: paths, scratch: sort, into: out)
                }
            case .increment: RowStatistics.compute(column(2), count: paths, scratch: sort, into: out)
            case .rebate: RowStatistics.compute(column(3), count: paths, scratch: sort, into: out)
            case .allocation: constant(policy.allocation[k], out)
            case let .fee(c): constant(engine.fees[c][k], out)
            case .feesTotal: constant(engine.feesTotal[k], out)
            case .donations:
                if !RowStatistics.computeAlong(
                    column(4), count: paths, order: poolOrder, into: out, also: nil, transform: { $0 }, also: nil,
                    transform: { $0 })
                {
                    RowStatistics.compute(column(4), count: paths, scratch: sort, into: out)
                }
            case .enterpriseIncome: constant(engine.enterpriseIncome[k], out)
            case .collectiveIncome: constant(policy.collectiveIncome[k], out)
            case .resources:
                // One selection for resources, gap = resources − need and resources / need
                // (none when resources follow the pool order).
                let gap = row(.gap), ratio = need != 0 ? row(.selfSufficiency) : nil
                if !RowStatistics.computeAlong(
                    column(5), count: paths, order: poolOrder, into: out, also: gap, transform: { $0 - need },
                    also: ratio, transform: { $0 / need })
                {
                    RowStatistics.compute(
                        column(5), count: paths, scratch: sort, into: out, also: gap, transform: { $0 - need },
                        also: ratio, transform: { $0 / need })
                }
            case .need: constant(need, out)
            case .gap, .selfSufficiency: break  // with resources
            }
        }
    }

    /// Statistics of every metric of district `district` in year index `y`.
    private func districtStatistics(
        _ engine: YearEngine, district: Int, year y: Int, variant v: Int, columns: YearColumns,
        counterfactualNet: UnsafeMutablePointer<Double>?, result: MonteCarloResult, scratch: WorkerScratch
    ) {
        let policy = engine.policy
        let n = policy.unitCount
        let d = policy.districtCount
        let paths = columns.paths
        let sort = scratch.sort.pointer
        let row = scratch.row.pointer
        let members = policy.unitsByDistrict[district]
        func column(_ c: Int) -> UnsafePointer<Double> { UnsafePointer(columns.districtColumn(c) + district * paths) }
        let tax = column(0), rebates = column(1), pooled = column(3), reserve = column(4), allocated = column(5)
        let collected = policy.fees.reduce(0) { $0 + $1.collection[y * d + district] }
        let transferred = engine.fees.reduce(0) { total, fee in total + members.reduce(0) { $0 + fee[y * n + $1] } }
        let retained = policy.fees.indices.reduce(0) { total, c in
            total + (policy.fees[c].collection[y * d + district] - members.reduce(0) { $0 + engine.fees[c][y * n + $1] })
        }
        let need = members.reduce(0) { $0 + engine.need[y * n + $1] }
        for metric in DistrictMetric.allCases {
            let out = result.districtStatistics.row(
                result.districtRow(variant: v, district: district, year: y, metric: metric.rawValue))
            func statistics(_ values: UnsafePointer<Double>) {
                RowStatistics.compute(values, count: paths, scratch: sort, into: out)
            }
            func statistics(_ values: UnsafePointer<Double>, transform: (Double) -> Double) {
                RowStatistics.compute(values, count: paths, scratch: sort, into: out, transform: transform)
            }
            func derived(_ value: (Int) -> Double) {
                for p in 0..<paths { row[p] = value(p) }
                statistics(row)
            }
            func constant(_ value: Double) { for j in 0..<RowStatistics.count { out[j] = value } }
            switch metric {
            case .tax: statistics(tax)
            case .rebates: statistics(rebates)
            case .capacityFactor: statistics(column(2))
            case .netRevenue: derived { tax[$0] - rebates[$0] }
            case .counterfactualNetRevenue:
                if let counterfactualNet {
                    statistics(UnsafePointer(counterfactualNet + district * paths))
                } else {
                    derived { tax[$0] - rebates[$0] }
                }
            case .reformEffect:
                if let counterfactualNet {
                    let baseline = counterfactualNet + district * paths
                    derived { (tax[$0] - rebates[$0]) - baseline[$0] }
                } else {
                    derived { (tax[$0] - rebates[$0]) - (tax[$0] - rebates[$0]) }
                }
            case .feesCollected: constant(collected)
            case .feesTransferred: constant(transferred)
            case .feesRetained: constant(retained)
            case .donationsPooled: statistics(pooled)
            case .donationsAllocated: statistics(allocated)
            case .donationsRetained: derived { pooled[$0] - reserve[$0] - allocated[$0] }
            case .donationsReserve: statistics(reserve)
            case .need: constant(need)
            case .resources: statistics(column(6))
            case .gap: statistics(column(6)) { $0 - need }
            }
        }
    }
}

/// A fixed block of Doubles shared by the workers (each writes its own part).
final class Buffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = LargeBuffer.allocate(count)
    }

    deinit { LargeBuffer.deallocate(pointer, count: count) }
}

/// A fixed block of path indices shared by the workers.
final class IndexBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int32>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// One worker's scratch memory.
final class WorkerScratch: @unchecked Sendable {
    let sort: Buffer
    let row: Buffer
    let factors: Buffer
    let districts: Buffer

    init(paths: Int, factors: Int, districts: Int) {
        sort = Buffer(count: RowStatistics.scratchCount(paths: paths))
        row = Buffer(count: paths)
        self.factors = Buffer(count: factors)
        self.districts = Buffer(count: districts)
    }
}
