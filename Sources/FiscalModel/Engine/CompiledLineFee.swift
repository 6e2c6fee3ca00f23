/// A line-fee category resolved per year.
public struct CompiledLineFee: Sendable {
    /// Category id.
    public let id: String
    /// District collection C_{k,d}(t), `[year * districtCount + district]`.
    public let collection: [Double]
    /// Transfer share τ_k(t).
    public let transferShare: [Double]
    /// Allocation share s_{k,i}(t) over all units of the district, `[year * unitCount + unit]`.
    public let shares: [Double]
    /// Task cost Q_{k,i}(t) if the unit takes the task on, `[year * unitCount + unit]`; `nil` without `taskCost`.
    public let taskCost: [Double]?

    /// Resolves `fee` for `scenario`.
    public init(_ fee: LineFeePolicy, scenario: Scenario) {
        let horizon = scenario.horizon
        let units = scenario.units
        let d = scenario.districts.count
        id = fee.id
        let growth = fee.growth.growthIndex(over: horizon)
        var baseCollection = [Double](repeating: 0, count: d)
        for unit in units { baseCollection[unit.districtIndex] += unit.indicator(fee.collectedColumn) }
        collection = (0..<horizon.count).flatMap { y in baseCollection.map { $0 * growth[y] } }
        transferShare = fee.transferShare.series(over: horizon)
        shares = AllocationShares.compute(fee.allocationKey, scenario: scenario)
        taskCost = fee.taskCost.map { task in
            let cost = task.unitCost.series(over: horizon)
            let index = task.growth.growthIndex(over: horizon)
            let indicators = units.map { $0.indicator(task.indicator) }
            return (0..<horizon.count).flatMap { y in
                indicators.map { cost[y] * $0 * index[y] }
            }
        }
    }
}
