/// Monte Carlo statistics of the rows a wave makes path-dependent (model.md §20): a wave member's
/// fees, task costs, enterprise income, need and reference differ by path once paths adopt in
/// different years, and so do its district's transferred fees and need. These rows replace the
/// ones computed from the variant's base engine; a cell empty on some paths only (a reference
/// before the path adopts, a ratio with need 0) has its statistics over the paths where it has
/// a value.
extension MonteCarloSimulation {
    /// Recomputes the path-dependent metrics of unit `i` in year index `y` if it is a wave member.
    /// Rows whose per-path values all equal `base`'s (the engine the run's statistics used) are
    /// left as computed.
    func waveUnitStatistics(
        _ waves: WaveTracker, base: YearEngine, unit i: Int, year y: Int, variant v: Int, columns: YearColumns,
        result: MonteCarloResult, scratch: WorkerScratch
    ) {
        guard waves.plan.waveOfUnit[i] != nil else { return }
        let n = waves.unitCount
        let paths = columns.paths
        let k = y * n + i
        let row = scratch.row.pointer
        let sort = scratch.sort.pointer
        let resources = columns[UnitYearColumn.resources] + i * paths
        let reference = columns[UnitYearColumn.reference] + i * paths
        var need = [Double](repeating: 0, count: paths)
        need.withUnsafeMutableBufferPointer { waves.perPath(0..<paths, into: $0.baseAddress!) { $0.need[k] } }
        let needAsBase = need.allSatisfy { $0 == base.need[k] }
        for (m, metric) in result.unitMetrics.enumerated() {
            let out = result.unitStatistics.row(result.unitRow(variant: v, unit: i, year: y, metric: m))
            /// Statistics of the values `value(p)` defines (NaN: no value on that path).
            func over(_ value: (Int) -> Double) {
                var count = 0
                for p in 0..<paths {
                    let x = value(p)
                    if !x.isNaN {
                        row[count] = x
                        count += 1
                    }
                }
                if count == 0 {
                    for j in 0..<RowStatistics.count { out[j] = .nan }
                } else {
                    RowStatistics.compute(row, count: count, scratch: sort, into: out)
                }
            }
            /// Statistics of an engine constant (one value per engine in use).
            func constant(_ value: (YearEngine) -> Double) { waves.statistics(of: value, into: out) }
            switch metric.column {
            case .reference: over { reference[$0] }
            case .fee, .feesTotal, .enterpriseIncome, .need:
                constant { $0.pathIndependentValue(metric, unit: i, yearIndex: y)! }
            case .gap where !needAsBase: over { resources[$0] - need[$0] }
            case .selfSufficiency where !needAsBase: over { need[$0] != 0 ? resources[$0] / need[$0] : .nan }
            default: break
            }
        }
    }

    /// Recomputes the path-dependent metrics of district `district` in year index `y` if it
    /// holds a wave member.
    func waveDistrictStatistics(
        _ waves: WaveTracker, district: Int, year y: Int, variant v: Int, columns: YearColumns,
        result: MonteCarloResult, scratch: WorkerScratch
    ) {
        let policy = waves.engines.base
        let members = policy.unitsByDistrict[district]
        guard members.contains(where: { waves.plan.waveOfUnit[$0] != nil }) else { return }
        let n = policy.unitCount, d = policy.districtCount
        let paths = columns.paths
        let row = scratch.row.pointer
        let sort = scratch.sort.pointer
        let resources = columns[DistrictYearColumn.resources] + district * paths
        func transferred(_ engine: YearEngine) -> Double {
            engine.fees.reduce(0) { total, fee in total + members.reduce(0) { $0 + fee[y * n + $1] } }
        }
        func retained(_ engine: YearEngine) -> Double {
            policy.fees.indices.reduce(0) { total, c in
                total + (policy.fees[c].collection[y * d + district] - members.reduce(0) { $0 + engine.fees[c][y * n + $1] })
            }
        }
        func needOf(_ engine: YearEngine) -> Double { members.reduce(0) { $0 + engine.need[y * n + $1] } }
        var need = [Double](repeating: 0, count: paths)
        need.withUnsafeMutableBufferPointer { buffer in waves.perPath(0..<paths, into: buffer.baseAddress!) { needOf($0) } }
        for (m, metric) in result.districtMetrics.enumerated() {
            let out = result.districtStatistics.row(result.districtRow(variant: v, district: district, year: y, metric: m))
            switch metric.column {
            case .feesTransferred: waves.statistics(of: transferred, into: out)
            case .feesRetained: waves.statistics(of: retained, into: out)
            case .need: waves.statistics(of: needOf, into: out)
            case .gap:
                for p in 0..<paths { row[p] = resources[p] - need[p] }
                RowStatistics.compute(row, count: paths, scratch: sort, into: out)
            default: continue
            }
        }
    }
}
