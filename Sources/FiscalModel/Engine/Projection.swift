/// Runs the yearly engine over the whole horizon for one path without shocks: the deterministic
/// projection (model.md §13: the engine's S = 1 result, no shocks drawn). Each year goes to a
/// `ProjectionSink` straight from the engine's one-path columns (issue 22): the unit table's
/// builder for a run, the sweep's metrics for a sweep point — one loop for both.
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
        var units = UnitYearTable.Builder(unitCount: policy.unitCount, feeCount: policy.fees.count, years: policy.horizon.count)
        let outcome = run(
            policy, name: name, counterfactualNetRevenue: counterfactualNetRevenue, limits: limits, waves: waves,
            into: &units)
        var result = VariantResult(name: name, units: units.table, districts: outcome.districts, clampedTax: outcome.clampedTax)
        result.limitViolation = outcome.limitViolation
        result.waves = outcome.waves
        return result
    }

    /// The projection of `run(_:name:counterfactualNetRevenue:limits:waves:)`, each year handed
    /// to `sink` (before it is checked against the limits) instead of collected into a unit table.
    public static func run<Sink: ProjectionSink>(
        _ policy: CompiledPolicy, name: String, counterfactualNetRevenue: [[Double]]? = nil,
        limits: ProjectionGuard? = nil, waves: WaveTracker? = nil, into sink: inout Sink
    ) -> ProjectionOutcome {
        let engine = YearEngine(policy)
        let batch = PathBatch(engine, count: 1)
        let columns = YearColumns(unitCount: policy.unitCount, districtCount: policy.districtCount, paths: 1)
        var outcome = ProjectionOutcome(districts: Array(repeating: [], count: policy.districtCount))
        for y in 0..<policy.horizon.count where outcome.limitViolation == nil {
            // Waves (model.md §20): decide, then run the year on the engine of the path's state.
            waves?.decide(yearIndex: y)
            waves?.prepare(yearIndex: y, batch: batch, firstPath: 0)
            let engine = waves?.engine(path: 0) ?? engine
            outcome.clampedTax += engine.advance(batch, yearIndex: y, taxShocks: nil, donationFactors: nil, into: columns.output)
            let year = ProjectedYear(engine: engine, output: columns.output, yearIndex: y)
            let districts = policy.unitsByDistrict.indices.map { district in
                districtRow(year, district: district, counterfactualNetRevenue: counterfactualNetRevenue?[y][district])
            }
            for (district, row) in districts.enumerated() { outcome.districts[district].append(row) }
            sink.take(year, districts: districts)
            if let waves {
                let net = districts.map(\.counterfactualNetRevenue)
                net.withUnsafeBufferPointer {
                    waves.record(
                        yearIndex: y, out: columns.output, firstPath: 0, count: 1, counterfactualNet: $0.baseAddress!,
                        counterfactualStride: 1)
                }
            }
            outcome.limitViolation = limits?.check(variant: name, units: year.units, districts: districts)
        }
        outcome.waves = waves?.results() ?? []
        return outcome
    }

    /// The district row of one year, its sums taken over the district's units in member order
    /// from 0; the counterfactual net revenue is the district's own net revenue when `nil`.
    static func districtRow(_ year: ProjectedYear, district: Int, counterfactualNetRevenue: Double?) -> DistrictYear {
        let policy = year.engine.policy
        let out = year.output
        let y = year.yearIndex
        let d = policy.districtCount
        let members = policy.unitsByDistrict[district]
        func sum(_ value: (ProjectedUnitYear) -> Double) -> Double { members.reduce(0) { $0 + value(year.unit($1)) } }
        let ownNet = counterfactualNetRevenue ?? members.reduce(0) { $0 + year.unit($1).tax - year.unit($1).rebate }
        let collected = policy.fees.map { $0.collection[y * d + district] }
        let transferred = policy.fees.indices.map { k in sum { $0.fee(k) } }
        let allocated = sum(\.donations)
        let pooled = out.donationsPooled[district * out.districtStride]
        let reserve = out.donationsReserve[district * out.districtStride]
        return DistrictYear(
            district: district, year: year.year, tax: sum(\.tax), rebates: sum(\.rebate),
            capacityFactor: out.capacityFactor[district * out.districtStride], counterfactualNetRevenue: ownNet,
            feesCollected: collected, feesTransferred: transferred,
            feesRetained: zip(collected, transferred).map { $0 - $1 },
            donationsPooled: pooled, donationsAllocated: allocated, donationsRetained: pooled - reserve - allocated,
            donationsReserve: reserve, need: sum(\.need), resources: sum(\.resources))
    }
}
