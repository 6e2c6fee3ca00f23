import COpenBLAS

/// The lean Monte Carlo driver of a sweep point (model.md §15.1): the point's `reform` and its own
/// no-adoption run advance through the years on exactly the draws of `MonteCarloSimulation`
/// (the same `TaxShocks`, `NormalDraws` and donation shocks per (seed, path, year), the same
/// batches of `MonteCarloSimulation.batchSize` paths), and only per-path horizon sums are kept.
///
/// A batch runs all its years before the next batch starts, so memory is a few batches'
/// columns per worker plus O(districts × S) sums, whatever the horizon. Each path's sums are
/// accumulated by one thread in year order, so the result does not depend on `threads`.
public enum HorizonSimulation {
    /// Bytes a run of `scenario` over `paths` paths on `threads` workers allocates: the place
    /// for a memory check before a Monte Carlo sweep starts.
    public static func bytesNeeded(_ scenario: Scenario, paths: Int, threads: Int) -> Int {
        let n = scenario.units.count, d = scenario.districts.count
        let batch = MonteCarloSimulation.batchSize
        let perWorker = 2 * YearColumns.doubles(units: n, districts: d, paths: batch) + n * batch + 8 * d * batch
        return 8 * (8 * d * paths + max(1, threads) * perWorker)
    }

    /// Σ over years of each district's net revenue per path (`[d * paths + p]`) of the
    /// no-adoption run of `scenario`: all a point's counterfactual contributes, the same for
    /// every point with the same tax-growth policy.
    public static func counterfactualNetRevenue(_ scenario: Scenario, paths: Int, seed: UInt64, threads: Int) -> [Double] {
        run(scenario, paths: paths, seed: seed, threads: threads, counterfactualNetRevenue: nil).counterfactualNetRevenue
    }

    /// The horizon sums of `scenario`'s reform over `paths` paths from `seed`. With
    /// `counterfactualNetRevenue` (from `counterfactualNetRevenue(_:…)` of a scenario with the
    /// same tax-growth policy) the no-adoption run is not simulated again.
    public static func run(
        _ scenario: Scenario, paths: Int, seed: UInt64, threads: Int, counterfactualNetRevenue known: [Double]? = nil
    ) -> PathHorizonSums {
        precondition(paths >= 1 && threads >= 1)
        openblas_set_num_threads(1)
        // Waves (model.md §20) decide on each path from its results against its own counterfactual.
        if let waves = WaveTracker(scenario.reform, of: scenario, paths: paths) {
            return runWithWaves(scenario, waves: waves, seed: seed, threads: threads)
        }
        let s = scenario
        let n = s.units.count, d = s.districts.count, years = s.horizon.count
        let reform = YearEngine(CompiledPolicy(s.reform, of: s, counterfactual: false))
        let baseline = known == nil ? YearEngine(CompiledPolicy(s.reform, of: s, counterfactual: true)) : nil
        let driver = HorizonBatchDriver(
            s, paths: paths, seed: seed, baseline: baseline, reformSources: reform.policy.donations?.sourceAmounts.count,
            counterfactualFirst: false)
        let (sums, limits) = (driver.sums, driver.limits)
        let last = years - 1
        // model.md §19: every batch-year is checked; a batch stops at its first violation, and the
        // reported one is the earliest by (year, run, batch), so it does not depend on `threads`.
        let violation = driver.run(threads: threads) { first, count in
            let state = PathBatch(reform, count: count)
            return { year in
                let y = year.yearIndex
                reform.advance(
                    state, yearIndex: y, firstPath: first, taxShocks: year.shocks, draws: year.draws,
                    factorScratch: year.factors, into: year.columns.output)
                if let found = limits.firstViolation(
                    variant: Variant.reformName, engine: reform, columns: year.columns, yearIndex: y, paths: 0..<count)
                {
                    return found
                }
                sums.addReform(reform, year.columns.output, yearIndex: y, isLast: y == last, first: first, count: count)
                return nil
            }
        }

        var result = sums.result(known: known)
        result.limitViolation = violation
        for district in 0..<d {
            let members = reform.policy.unitsByDistrict[district]
            var transferred = 0.0
            for y in 0..<years {
                for fee in reform.fees { for i in members { transferred += fee[y * n + i] } }
            }
            result.feesTransferred[district] = transferred
            result.unitsWithNeed[district] = members.filter { reform.need[last * n + $0] > 0 }.count
        }
        return result
    }
}

/// The first limit violation of each batch, ranked by (year, run); each slot is written by the
/// one worker that runs its batch.
final class ViolationSlots: @unchecked Sendable {
    private typealias Slot = (rank: (Int, Int), violation: ProjectionLimitViolation)?
    private let slots: UnsafeMutablePointer<Slot>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ violation: ProjectionLimitViolation, rank: (Int, Int), batch: Int) { slots[batch] = (rank, violation) }

    /// The violation of the lowest (year, run), the lowest batch among equals.
    func earliest() -> ProjectionLimitViolation? {
        UnsafeBufferPointer(start: slots, count: count).compactMap { $0 }.min { $0.rank < $1.rank }?.violation
    }
}

/// The per-path sums while a run is under way; every batch writes only its own paths.
final class SumBuffers: @unchecked Sendable {
    let districts: Int
    let paths: Int
    let rebates, net, counterfactual, allocated, binding, gaps, ratios: Buffer

    init(districts: Int, paths: Int) {
        self.districts = districts
        self.paths = paths
        let cells = districts * paths
        (rebates, net, counterfactual, allocated) = (Buffer(count: cells), Buffer(count: cells), Buffer(count: cells), Buffer(count: cells))
        (binding, gaps, ratios) = (Buffer(count: cells), Buffer(count: cells), Buffer(count: cells))
    }

    /// Adds one projected year of the reform's batch of `count` paths from `first`.
    func addReform(_ engine: YearEngine, _ out: BatchYearOutput, yearIndex y: Int, isLast: Bool, first: Int, count: Int) {
        let s = out.districtStride
        for d in 0..<districts {
            let cell = d * paths + first
            for q in 0..<count {
                let rebate = out.rebates[d * s + q]
                rebates.pointer[cell + q] += rebate
                net.pointer[cell + q] += out.districtTax[d * s + q] - rebate
                allocated.pointer[cell + q] += out.donationsAllocated[d * s + q]
                if out.capacityFactor[d * s + q] < 1 { binding.pointer[cell + q] = 1 }
            }
        }
        guard isLast else { return }
        let policy = engine.policy
        let n = policy.unitCount
        for i in 0..<n {
            let need = engine.need[y * n + i]
            let cell = policy.districtOf[i] * paths + first
            let resources = out.resources + i * out.unitStride
            for q in 0..<count {
                if resources[q] - need < 0 { gaps.pointer[cell + q] += 1 }
                if need > 0 { ratios.pointer[cell + q] += resources[q] / need }
            }
        }
    }

    /// Adds one projected year of the no-adoption run's batch.
    func addCounterfactual(_ out: BatchYearOutput, first: Int, count: Int) {
        let s = out.districtStride
        for d in 0..<districts {
            let cell = d * paths + first
            for q in 0..<count {
                counterfactual.pointer[cell + q] += out.districtTax[d * s + q] - out.rebates[d * s + q]
            }
        }
    }

    /// The sums as values (`known` replaces the counterfactual when it was not simulated).
    func result(known: [Double]?) -> PathHorizonSums {
        var result = PathHorizonSums(districtCount: districts, paths: paths)
        let cells = districts * paths
        func array(_ buffer: Buffer) -> [Double] { Array(UnsafeBufferPointer(start: buffer.pointer, count: cells)) }
        result.rebates = array(rebates)
        result.netRevenue = array(net)
        result.counterfactualNetRevenue = known ?? array(counterfactual)
        result.donationsAllocated = array(allocated)
        result.binding = array(binding).map { $0 != 0 }
        result.unitsWithGap = array(gaps).map { Int($0) }
        result.selfSufficiencySum = array(ratios)
        return result
    }
}
