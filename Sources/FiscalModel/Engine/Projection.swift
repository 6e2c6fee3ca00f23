/// Runs the yearly engine over the whole horizon for one path without shocks and collects the
/// rows: the deterministic projection (model.md §13: the engine's S = 1 result, no shocks drawn).
public enum Projection {
    /// One path of `policy`, with the counterfactual net revenue per district-year taken from
    /// `counterfactualNetRevenue` (`[year][district]`), or from the path itself when `nil`.
    /// With `limits`, each year is checked as it is computed and the projection stops at the first
    /// value beyond model.md §19's limits (the result's `limitViolation`; its rows end that year).
    /// With `waves` (model.md §20) each year runs on the engine of the path's wave state, decided
    /// before the year from the path's own evidence.
    public static func run(
        _ policy: CompiledPolicy, name: String, counterfactualNetRevenue: [[Double]]? = nil,
        limits: ProjectionGuard? = nil, waves: WaveTracker? = nil
    ) -> VariantResult {
        let engine = YearEngine(policy)
        let batch = PathBatch(engine, count: 1)
        let columns = YearColumns(unitCount: policy.unitCount, districtCount: policy.districtCount, paths: 1)
        let n = policy.unitCount
        var units = UnitYearTable.Builder(unitCount: n, feeCount: policy.fees.count, years: policy.horizon.count)
        var districts = Array(repeating: [DistrictYear](), count: policy.districtCount)
        var clamped = 0
        var violation: ProjectionLimitViolation?
        for y in 0..<policy.horizon.count where violation == nil {
            // Waves (model.md §20): decide, then run the year on the engine of the path's state.
            waves?.decide(yearIndex: y)
            waves?.prepare(yearIndex: y, batch: batch, firstPath: 0)
            let engine = waves?.engine(path: 0) ?? engine
            clamped += engine.advance(batch, yearIndex: y, taxShocks: nil, donationFactors: nil, into: columns.output)
            let rows = unitRows(engine, columns: columns, yearIndex: y)
            units.append(rows, year: policy.horizon.year(at: y))
            for district in 0..<policy.districtCount {
                let ownNet = policy.unitsByDistrict[district].reduce(0) { $0 + rows[$1].tax - rows[$1].rebate }
                districts[district].append(
                    districtRow(
                        engine, columns: columns, rows: rows, yearIndex: y, district: district,
                        counterfactualNetRevenue: counterfactualNetRevenue?[y][district] ?? ownNet))
            }
            if let waves {
                let net = districts.map { $0[y].counterfactualNetRevenue }
                net.withUnsafeBufferPointer {
                    waves.record(
                        yearIndex: y, out: columns.output, firstPath: 0, count: 1, counterfactualNet: $0.baseAddress!,
                        counterfactualStride: 1)
                }
            }
            violation = limits?.check(variant: name, units: rows, districts: districts.map { $0[y] })
        }
        var result = VariantResult(name: name, units: units.table, districts: districts, clampedTax: clamped)
        result.limitViolation = violation
        result.waves = waves?.results() ?? []
        return result
    }

    /// The unit rows of one year from a one-path batch.
    static func unitRows(_ engine: YearEngine, columns: YearColumns, yearIndex y: Int) -> [UnitYear] {
        let policy = engine.policy
        let n = policy.unitCount
        let out = columns.output
        return (0..<n).map { i in
            let k = y * n + i
            let reference = out.reference[i]
            return UnitYear(
                unit: i, year: policy.horizon.year(at: y), adopted: engine.adopted[k], tax: out.tax[i],
                reference: reference.isNaN ? nil : reference, increment: out.increment[i], rebate: out.rebate[i],
                allocation: policy.allocation[k], fees: engine.fees.map { $0[k] },
                taskCosts: engine.taskCosts.map { $0[k] }, donations: out.donations[i],
                enterpriseIncome: engine.enterpriseIncome[k], collectiveIncome: policy.collectiveIncome[k],
                need: engine.need[k])
        }
    }

    /// The district row of one year, aggregated from its unit rows.
    static func districtRow(
        _ engine: YearEngine, columns: YearColumns, rows: [UnitYear], yearIndex y: Int, district: Int,
        counterfactualNetRevenue: Double
    ) -> DistrictYear {
        let policy = engine.policy
        let out = columns.output
        let d = policy.districtCount
        let members = policy.unitsByDistrict[district]
        func sum(_ value: (UnitYear) -> Double) -> Double { members.reduce(0) { $0 + value(rows[$1]) } }
        let collected = policy.fees.map { $0.collection[y * d + district] }
        let transferred = policy.fees.indices.map { k in members.reduce(0) { $0 + rows[$1].fees[k] } }
        let allocated = sum(\.donations)
        let pooled = out.donationsPooled[district]
        let reserve = out.donationsReserve[district]
        return DistrictYear(
            district: district, year: policy.horizon.year(at: y), tax: sum(\.tax), rebates: sum(\.rebate),
            capacityFactor: out.capacityFactor[district], counterfactualNetRevenue: counterfactualNetRevenue,
            feesCollected: collected, feesTransferred: transferred,
            feesRetained: zip(collected, transferred).map { $0 - $1 },
            donationsPooled: pooled, donationsAllocated: allocated, donationsRetained: pooled - reserve - allocated,
            donationsReserve: reserve, need: sum(\.need), resources: sum(\.resources))
    }
}
