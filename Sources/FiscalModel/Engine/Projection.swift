/// Runs the yearly engine over the whole horizon for one path and collects the rows.
public enum Projection {
    /// One path of `policy`, with the counterfactual net revenue per district-year taken from
    /// `counterfactualNetRevenue` (`[year][district]`), or from the path itself when `nil`.
    ///
    /// - Parameters:
    ///   - taxShocks: z per year index and unit, `[year * unitCount + unit]`, or `nil`.
    ///   - donationShocks: lognormal factors per year, `[year][source * districtCount + district]`, or `nil`.
    public static func run(
        _ policy: CompiledPolicy, name: String, counterfactualNetRevenue: [[Double]]? = nil,
        taxShocks: [Double]? = nil, donationShocks: [[Double]]? = nil
    ) -> VariantResult {
        let engine = YearEngine(policy)
        var state = PathState(policy)
        var outcome = engine.makeOutcome()
        let n = policy.unitCount
        let years = policy.horizon.count
        var units = Array(repeating: [UnitYear](), count: n)
        var districts = Array(repeating: [DistrictYear](), count: policy.districtCount)
        var clamped = 0
        for y in 0..<years {
            func step(_ tax: UnsafeBufferPointer<Double>?, _ donation: UnsafeBufferPointer<Double>?) {
                engine.advance(&state, yearIndex: y, taxShocks: tax, donationShocks: donation, into: &outcome)
            }
            switch (taxShocks, donationShocks) {
            case (nil, nil): step(nil, nil)
            case let (tax?, nil):
                tax.withUnsafeBufferPointer { step(UnsafeBufferPointer(rebasing: $0[(y * n)..<((y + 1) * n)]), nil) }
            case let (nil, donation?): donation[y].withUnsafeBufferPointer { step(nil, $0) }
            case let (tax?, donation?):
                tax.withUnsafeBufferPointer { t in
                    donation[y].withUnsafeBufferPointer { step(UnsafeBufferPointer(rebasing: t[(y * n)..<((y + 1) * n)]), $0) }
                }
            }
            clamped += outcome.clampedTax
            let rows = unitRows(outcome, policy: policy, yearIndex: y)
            for (i, row) in rows.enumerated() { units[i].append(row) }
            for district in 0..<policy.districtCount {
                let ownNet = rows.indices.filter { policy.districtOf[$0] == district }
                    .reduce(0) { $0 + rows[$1].tax - rows[$1].rebate }
                districts[district].append(
                    districtRow(
                        outcome, rows: rows, policy: policy, district: district,
                        counterfactualNetRevenue: counterfactualNetRevenue?[y][district] ?? ownNet))
            }
        }
        return VariantResult(name: name, units: units, districts: districts, clampedTax: clamped)
    }

    /// The unit rows of one year.
    static func unitRows(_ o: YearOutcome, policy: CompiledPolicy, yearIndex y: Int) -> [UnitYear] {
        let n = policy.unitCount
        return (0..<n).map { i in
            let taskCosts = o.taskCosts.map { $0[i] }
            return UnitYear(
                unit: i, year: o.year, adopted: o.adopted[i], tax: o.tax[i],
                reference: o.reference[i].isNaN ? nil : o.reference[i], increment: o.increment[i],
                rebate: o.rebate[i], allocation: policy.allocation[y * n + i], fees: o.fees.map { $0[i] },
                taskCosts: taskCosts, donations: o.donations[i], enterpriseIncome: o.enterpriseIncome[i],
                collectiveIncome: policy.collectiveIncome[y * n + i],
                need: policy.needItems[y * n + i] + taskCosts.reduce(0, +))
        }
    }

    /// The district row of one year, aggregated from its unit rows.
    static func districtRow(
        _ o: YearOutcome, rows: [UnitYear], policy: CompiledPolicy, district: Int, counterfactualNetRevenue: Double
    ) -> DistrictYear {
        let members = policy.unitsByDistrict[district]
        func sum(_ value: (UnitYear) -> Double) -> Double { members.reduce(0) { $0 + value(rows[$1]) } }
        let collected = o.feesCollected.map { $0[district] }
        let transferred = o.fees.map { perUnit in members.reduce(0) { $0 + perUnit[$1] } }
        let allocated = sum(\.donations)
        let pooled = o.donationsPooled[district]
        let reserve = o.donationsReserve[district]
        return DistrictYear(
            district: district, year: o.year, tax: sum(\.tax), rebates: sum(\.rebate),
            capacityFactor: o.capacityFactor[district], counterfactualNetRevenue: counterfactualNetRevenue,
            feesCollected: collected, feesTransferred: transferred,
            feesRetained: zip(collected, transferred).map { $0 - $1 },
            donationsPooled: pooled, donationsAllocated: allocated, donationsRetained: pooled - reserve - allocated,
            donationsReserve: reserve, need: sum(\.need), resources: sum(\.resources))
    }
}
