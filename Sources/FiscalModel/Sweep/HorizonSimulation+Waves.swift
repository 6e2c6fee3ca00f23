/// A sweep point whose reform has evidence-gated waves (model.md §15.1, §20): each path decides
/// from its own results against its counterfactual on the same draws, so the no-adoption run
/// is always simulated alongside, year by year before the reform. Fees transferred and the
/// units with need then differ by path and are kept per path.
extension HorizonSimulation {
    static func runWithWaves(_ s: Scenario, waves: WaveTracker, seed: UInt64, threads: Int) -> PathHorizonSums {
        let paths = waves.paths
        let d = s.districts.count
        let reform = waves.engines.base
        let baseline = YearEngine(CompiledPolicy(s.reform, of: s, counterfactual: true))
        let driver = HorizonBatchDriver(
            s, paths: paths, seed: seed, baseline: baseline, reformSources: reform.donations?.sourceAmounts.count,
            counterfactualFirst: true)
        let (sums, limits) = (driver.sums, driver.limits)
        let fees = Buffer(count: d * paths)
        let withNeed = Buffer(count: d * paths)
        let counterfactualNet = Buffer(count: d * paths)
        let last = s.horizon.count - 1

        let violation = driver.run(threads: threads) { first, count in
            let range = first..<(first + count)
            let state = PathBatch(YearEngine(reform), count: count)
            return { year in
                let y = year.yearIndex
                let base = year.counterfactual!.output
                for district in 0..<d {
                    for q in 0..<count {
                        let k = district * base.districtStride + q
                        counterfactualNet.pointer[district * paths + first + q] = base.districtTax[k] - base.rebates[k]
                    }
                }
                waves.decide(yearIndex: y, paths: range)
                waves.advance(
                    state, yearIndex: y, firstPath: first, taxShocks: year.shocks, draws: year.draws,
                    factorScratch: year.factors, into: year.columns.output,
                    counterfactualNet: UnsafePointer(counterfactualNet.pointer))
                for engine in waves.engines(of: range) {
                    if let found = limits.firstViolation(
                        variant: Variant.reformName, engine: engine, columns: year.columns, yearIndex: y, paths: 0..<count)
                    {
                        return found
                    }
                }
                // District sums only; the last year's unit part depends on each path's engine.
                sums.addReform(baseline, year.columns.output, yearIndex: y, isLast: false, first: first, count: count)
                addPathConstants(waves, year.columns.output, yearIndex: y, isLast: y == last, first: first, count: count,
                                 sums: sums, fees: fees, withNeed: withNeed)
                return nil
            }
        }

        var result = sums.result(known: nil)
        result.limitViolation = violation
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
