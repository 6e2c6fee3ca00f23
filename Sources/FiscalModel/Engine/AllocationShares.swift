/// Allocation shares s_i(t) = Σ_m β_m(t) · x_{m,i} / Σ_{j∈d} x_{m,j}.
public enum AllocationShares {
    /// Shares per unit-year, `[year * unitCount + unit]`. Validation guarantees every
    /// district sum is positive.
    public static func compute(_ key: AllocationKey, scenario: Scenario) -> [Double] {
        let units = scenario.units
        let n = units.count
        let horizon = scenario.horizon
        var shares = [Double](repeating: 0, count: horizon.count * n)
        let districtOf = units.map(\.districtIndex)
        for term in key.terms {
            // The indicator read once per unit (a lookup by column name), not once per unit-year.
            let values = units.map { $0.indicator(term.column) }
            var sums = [Double](repeating: 0, count: scenario.districts.count)
            for i in 0..<n { sums[districtOf[i]] += values[i] }
            let weights = term.weight.series(over: horizon)
            for y in 0..<horizon.count {
                for i in 0..<n {
                    let sum = sums[districtOf[i]]
                    guard sum > 0 else { continue }
                    shares[y * n + i] += weights[y] * values[i] / sum
                }
            }
        }
        return shares
    }
}
