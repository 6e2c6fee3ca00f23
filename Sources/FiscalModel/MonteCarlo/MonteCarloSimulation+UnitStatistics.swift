/// Mean and quantiles of every unit-year metric a Monte Carlo run reports (model.md §8, §9).
extension MonteCarloSimulation {
    /// Statistics of every metric of unit `i` in year index `y`.
    func unitStatistics(
        _ engine: YearEngine, unit i: Int, year y: Int, variant v: Int, columns: YearColumns, result: MonteCarloResult,
        scratch: WorkerScratch, poolOrder: UnsafePointer<Int32>, taxCache: RowStatisticsCache?,
        referenceCache: RowStatisticsCache?, ranges: RowRangeMemory, ownEngine: Bool
    ) {
        let policy = engine.policy
        let n = policy.unitCount
        let paths = columns.paths
        let k = y * n + i
        let sort = scratch.sort.pointer
        func column(_ c: UnitYearColumn) -> UnsafePointer<Double> { UnsafePointer(columns[c] + i * paths) }
        func constant(_ value: Double, _ out: UnsafeMutablePointer<Double>) {
            for j in 0..<RowStatistics.count { out[j] = value }
        }
        let need = engine.need[k]
        /// A selected row, its buckets laid over the range of the same kind of row last read for
        /// this unit (`RowRangeMemory`); the counterfactual's tax this year for a variant's tax.
        func select(_ kind: RowRangeMemory.Kind, _ values: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
            let guess = kind == .tax && v != 0 && taxCache != nil
                ? ranges.guess(variant: 0, unit: i, kind: kind, widening: 16)
                : ranges.guess(variant: v, unit: i, kind: kind)
            let range = RowStatistics.compute(values, count: paths, guess: guess, scratch: sort, into: out)
            ranges.remember(range, variant: v, unit: i, kind: kind)
        }
        func row(_ metric: UnitYearColumn) -> UnsafeMutablePointer<Double> {
            let m = result.unitMetrics.firstIndex(of: UnitYearField(metric))!
            return result.unitStatistics.row(result.unitRow(variant: v, unit: i, year: y, metric: m))
        }
        for (m, metric) in result.unitMetrics.enumerated() {
            let out = result.unitStatistics.row(result.unitRow(variant: v, unit: i, year: y, metric: m))
            switch metric.column {
            case .tax:
                // The counterfactual (variant 0) fills the cache; the variants look their rows up.
                if let taxCache, v != 0, taxCache.lookup(unit: i, column(.tax), into: out) { break }
                select(.tax, column(.tax), into: out)
                if let taxCache, v == 0 { taxCache.store(unit: i, column(.tax), statistics: UnsafePointer(out)) }
            case .reference:
                guard engine.applies[k] else { break }
                if ownEngine, engine.referenceRepeats(unit: i, yearIndex: y) {
                    // Last year's row again: its statistics, without reading or comparing the row.
                    let last = result.unitStatistics.row(result.unitRow(variant: v, unit: i, year: y - 1, metric: m))
                    out.update(from: last, count: RowStatistics.count)
                } else if let referenceCache {
                    referenceCache.statistics(unit: i, column(.reference), into: out) {
                        select(.reference, column(.reference), into: $0)
                    }
                } else {
                    select(.reference, column(.reference), into: out)
                }
            case .increment where ownEngine && engine.rebateIsZero(unit: i, yearIndex: y),
                .rebate where ownEngine && engine.rebateIsZero(unit: i, yearIndex: y):
                constant(0, out)
            case .increment: select(.increment, column(.increment), into: out)
            case .rebate: select(.rebate, column(.rebate), into: out)
            case .allocation, .fee, .feesTotal, .enterpriseIncome, .collectiveIncome, .need:
                constant(engine.pathIndependentValue(metric, unit: i, yearIndex: y)!, out)
            case .donations:
                RowStatistics.compute(column(.donations), count: paths, preferringOrder: poolOrder, scratch: sort, into: out)
            case .resources:
                // One selection for resources, gap = resources − need and resources / need
                // (none when resources follow the pool order). A unit whose resources were off the
                // pool order last year (one with a rebate) is selected straight away, its buckets
                // laid over last year's range.
                let gap = row(.gap), ratio = need != 0 ? row(.selfSufficiency) : nil
                if let guess = ranges.guess(variant: v, unit: i, kind: .resources) {
                    let range = RowStatistics.compute(
                        column(.resources), count: paths, guess: guess, scratch: sort, into: out, also: gap,
                        transform: .minus(need), also: ratio, transform: .dividedBy(need))
                    ranges.remember(range, variant: v, unit: i, kind: .resources)
                } else if let range = RowStatistics.compute(
                    column(.resources), count: paths, preferringOrder: poolOrder, scratch: sort, into: out, also: gap,
                    transform: .minus(need), also: ratio, transform: .dividedBy(need))
                {
                    ranges.remember(range, variant: v, unit: i, kind: .resources)
                }
            case .gap, .selfSufficiency: break  // with resources
            default: break  // not reported by Monte Carlo
            }
        }
    }
}
