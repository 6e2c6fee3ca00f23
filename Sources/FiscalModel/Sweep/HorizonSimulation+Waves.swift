import Dispatch

/// A sweep point whose reform has evidence-gated waves (model.md §15.1, §20): each path decides
/// from its own results against its counterfactual on the same draws, so the no-adoption run
/// is always simulated alongside, year by year before the reform. Fees transferred and the
/// units with need then differ by path and are kept per path.
extension HorizonSimulation {
    static func runWithWaves(_ s: Scenario, waves: WaveTracker, seed: UInt64, threads: Int) -> PathHorizonSums {
        let paths = waves.paths
        let n = s.units.count, d = s.districts.count, years = s.horizon.count
        let reform = waves.engines.base
        let baseline = YearEngine(CompiledPolicy(s.reform, of: s, counterfactual: true))
        let batchSize = MonteCarloSimulation.batchSize
        let batchCount = (paths + batchSize - 1) / batchSize
        let workers = max(1, min(threads, batchCount))
        let shocks = TaxShocks(correlation: s.reform.taxGrowth.correlation, districtOf: s.units.map(\.districtIndex), seed: seed)
        let draws = NormalDraws(seed: seed)
        let sources = [reform.donations?.sourceAmounts.count, baseline.policy.donations?.sourceAmounts.count].compactMap { $0 }.max() ?? 0
        let sums = SumBuffers(districts: d, paths: paths)
        let fees = Buffer(count: d * paths)
        let withNeed = Buffer(count: d * paths)
        let counterfactualNet = Buffer(count: d * paths)
        let last = years - 1
        let limits = ProjectionGuard(s)
        let violations = ViolationSlots(count: batchCount)

        let work: @Sendable (Int) -> Void = { worker in
            let columns = YearColumns(unitCount: n, districtCount: d, paths: batchSize)
            let baseColumns = YearColumns(unitCount: n, districtCount: d, paths: batchSize)
            let shock = Buffer(count: n * batchSize)
            let factors = Buffer(count: max(1, sources * d * batchSize))
            let districtScratch = Buffer(count: d + 1)
            var b = worker
            while b < batchCount {
                let first = b * batchSize
                let count = min(batchSize, paths - first)
                let range = first..<(first + count)
                let state = PathBatch(YearEngine(reform), count: count)
                let baseState = PathBatch(baseline, count: count)
                years: for y in 0..<years {
                    shocks.fill(shock.pointer, firstPath: first, paths: count, year: y, districtScratch: districtScratch.pointer)
                    baseline.advance(
                        baseState, yearIndex: y, firstPath: first, taxShocks: shock.pointer, draws: draws,
                        factorScratch: factors.pointer, into: baseColumns.output)
                    if let found = limits.firstViolation(
                        variant: Variant.counterfactualName, engine: baseline, columns: baseColumns, yearIndex: y, paths: 0..<count)
                    {
                        violations.store(found, rank: (y, 1), batch: b)
                        break years
                    }
                    sums.addCounterfactual(baseColumns.output, first: first, count: count)
                    let base = baseColumns.output
                    for district in 0..<d {
                        for q in 0..<count {
                            let k = district * base.districtStride + q
                            counterfactualNet.pointer[district * paths + first + q] = base.districtTax[k] - base.rebates[k]
                        }
                    }
                    waves.decide(yearIndex: y, paths: range)
                    waves.advance(
                        state, yearIndex: y, firstPath: first, taxShocks: shock.pointer, draws: draws,
                        factorScratch: factors.pointer, into: columns.output,
                        counterfactualNet: UnsafePointer(counterfactualNet.pointer))
                    for engine in waves.engines(of: range) {
                        if let found = limits.firstViolation(
                            variant: Variant.reformName, engine: engine, columns: columns, yearIndex: y, paths: 0..<count)
                        {
                            violations.store(found, rank: (y, 0), batch: b)
                            break years
                        }
                    }
                    // District sums only; the last year's unit part depends on each path's engine.
                    sums.addReform(baseline, columns.output, yearIndex: y, isLast: false, first: first, count: count)
                    addPathConstants(waves, columns.output, yearIndex: y, isLast: y == last, first: first, count: count,
                                     sums: sums, fees: fees, withNeed: withNeed)
                }
                b += workers
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }

        var result = sums.result(known: nil)
        result.limitViolation = violations.earliest()
        result.feesTransferredByPath = Array(UnsafeBufferPointer(start: fees.pointer, count: d * paths))
        result.unitsWithNeedByPath = (0..<(d * paths)).map { Int(withNeed.pointer[$0]) }
        result.waves = waves.results()
        return result
    }

    /// What a path's engine fixes for year index y: its fees transferred (every year) and, in
    /// the last year, its units' gaps, self-sufficiency and whether they have need.
    private static func addPathConstants(
        _ waves: WaveTracker, _ out: BatchYearOutput, yearIndex y: Int, isLast: Bool, first: Int, count: Int,
        sums: SumBuffers, fees: Buffer, withNeed: Buffer
    ) {
        let policy = waves.engines.base
        let n = policy.unitCount
        let paths = waves.paths
        let engines = waves.engines.snapshot()
        for q in 0..<count {
            let p = first + q
            let engine = engines[Int(waves.engineOfPath.pointer[p])]
            for (district, members) in policy.unitsByDistrict.enumerated() {
                for fee in engine.fees { for i in members { fees.pointer[district * paths + p] += fee[y * n + i] } }
            }
            guard isLast else { continue }
            for i in 0..<n {
                let need = engine.need[y * n + i]
                let cell = policy.districtOf[i] * paths + p
                let resources = out.resources[i * out.unitStride + q]
                if resources - need < 0 { sums.gaps.pointer[cell] += 1 }
                if need > 0 {
                    sums.ratios.pointer[cell] += resources / need
                    withNeed.pointer[cell] += 1
                }
            }
        }
    }
}
