/// Mean and quantiles of every district-year metric a Monte Carlo run reports (model.md §8, §9).
extension MonteCarloSimulation {
    /// Statistics of every metric of district `district` in year index `y`.
    func districtStatistics(
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
        func column(_ c: DistrictYearColumn) -> UnsafePointer<Double> { UnsafePointer(columns[c] + district * paths) }
        let tax = column(.tax), rebates = column(.rebates), pooled = column(.donationsPooled)
        let reserve = column(.donationsReserve), allocated = column(.donationsAllocated)
        let collected = policy.fees.reduce(0) { $0 + $1.collection[y * d + district] }
        let transferred = engine.fees.reduce(0) { total, fee in total + members.reduce(0) { $0 + fee[y * n + $1] } }
        let retained = policy.fees.indices.reduce(0) { total, c in
            total + (policy.fees[c].collection[y * d + district] - members.reduce(0) { $0 + engine.fees[c][y * n + $1] })
        }
        let need = members.reduce(0) { $0 + engine.need[y * n + $1] }
        for (m, metric) in result.districtMetrics.enumerated() {
            let out = result.districtStatistics.row(result.districtRow(variant: v, district: district, year: y, metric: m))
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
            switch metric.column {
            case .tax: statistics(tax)
            case .rebates: statistics(rebates)
            case .capacityFactor: statistics(column(.capacityFactor))
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
            case .resources: statistics(column(.resources))
            case .gap: statistics(column(.resources)) { $0 - need }
            default: break  // not reported by Monte Carlo
            }
        }
    }
}
