extension UnitYearTable.Builder: ProjectionSink {
    /// Appends a projected year straight from the engine's one-path columns (issue 22): the
    /// values `append(_:year:)` takes from a year's rows, without building them.
    mutating func take(_ projected: ProjectedYear, districts: [DistrictYear]) {
        let n = unitCount, y = projected.yearIndex, out = projected.output, engine = projected.engine
        precondition(n == engine.policy.unitCount && feeCount == engine.fees.count, "one column per unit and fee category")
        years.append(projected.year)
        let cells = (y * n)..<((y + 1) * n)
        adopted.append(contentsOf: engine.adopted[cells])
        allocation.append(contentsOf: engine.policy.allocation[cells])
        enterpriseIncome.append(contentsOf: engine.enterpriseIncome[cells])
        collectiveIncome.append(contentsOf: engine.policy.collectiveIncome[cells])
        need.append(contentsOf: engine.need[cells])
        for i in 0..<n {
            let row = i * out.unitStride
            tax.append(out.tax[row])
            let value = out.reference[row]
            reference.append(value.isNaN ? .nan : value)  // as a row's `nil` is stored
            increment.append(out.increment[row])
            rebate.append(out.rebate[row])
            donations.append(out.donations[row])
            for k in 0..<feeCount {
                fees.append(engine.fees[k][y * n + i])
                taskCosts.append(engine.taskCosts[k][y * n + i])
            }
        }
    }
}
