/// Allocation shares s_i(t) = Σ_m β_m(t) · x_{m,i} / Σ_{j∈d} x_{m,j}.
public enum AllocationShares {
    /// Shares per unit-year, `[year * unitCount + unit]`. Validation guarantees every
    /// district sum is positive.
    public static func compute(_ key: AllocationKey, scenario: Scenario) -> [Double] {
        let units = scenario.units
        let n = units.count
        let horizon = scenario.horizon
        var shares = [Double](repeating: 0, count: horizon.count * n)
        for term in key.terms {
            var sums = [Double](repeating: 0, count: scenario.districts.count)
            for unit in units { sums[unit.districtIndex] += unit.indicator(term.column) }
            let weights = term.weight.series(over: horizon)
            for y in 0..<horizon.count {
                for (i, unit) in units.enumerated() {
                    let sum = sums[unit.districtIndex]
                    guard sum > 0 else { continue }
                    shares[y * n + i] += weights[y] * unit.indicator(term.column) / sum
                }
            }
        }
        return shares
    }
}
