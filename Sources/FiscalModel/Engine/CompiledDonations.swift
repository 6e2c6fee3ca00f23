/// The donation pool resolved per year.
public struct CompiledDonations: Sendable {
    /// Expected (pre-shock) amount per source and district-year, `[source][year * districtCount + district]`.
    public let sourceAmounts: [[Double]]
    /// Volatility σ_s(t) per source and year.
    public let sourceVolatility: [[Double]]
    /// Reserve share ψ(t).
    public let reserveShare: [Double]
    /// Floor per receiving unit, if any.
    public let minimumPerUnit: [Double]?
    /// Allocation share s_i(t) over all units of the district, `[year * unitCount + unit]`.
    public let shares: [Double]

    /// Resolves `donations` for `scenario`.
    public init(_ donations: DonationPolicy, scenario: Scenario) {
        let horizon = scenario.horizon
        sourceAmounts = donations.sources.map { source in
            let growth = source.growth.growthIndex(over: horizon)
            return (0..<horizon.count).flatMap { y in source.amounts.map { $0 * growth[y] } }
        }
        sourceVolatility = donations.sources.map { $0.volatility.series(over: horizon) }
        reserveShare = donations.reserveShare.series(over: horizon)
        minimumPerUnit = donations.minimumPerUnit?.series(over: horizon)
        shares = AllocationShares.compute(donations.allocationKey, scenario: scenario)
    }
}
