/// A policy resolved for one scenario into flat per-year arrays, ready for the yearly engine.
///
/// Everything that does not depend on the random draws is computed here once: adoption years,
/// eligibility, step-function values per year, growth indices, allocation shares, fee
/// collections, task costs and needs. Per-unit-year arrays are laid out `[year * unitCount + unit]`.
public struct CompiledPolicy: Sendable {
    /// Whether this is a no-adoption (counterfactual) run.
    public let isCounterfactual: Bool
    /// The projection horizon.
    public let horizon: Horizon
    /// Number of units.
    public let unitCount: Int
    /// Number of districts.
    public let districtCount: Int
    /// District of each unit.
    public let districtOf: [Int]
    /// Units of each district, in file order.
    public let unitsByDistrict: [[Int]]
    /// Effective adoption year of each unit (`nil`: never, and always in the counterfactual; a
    /// wave member's until its wave adopts, set per path by `WaveEngines`, model.md §20).
    public internal(set) var adoptionYear: [Int?]
    /// Whether each unit is eligible for the rebate.
    public let rebateEligible: [Bool]
    /// Whether each unit is eligible for each fee category, `[category][unit]`.
    public let feeEligible: [[Bool]]
    /// Whether each unit is eligible for donations.
    public let donationEligible: [Bool]

    /// Base-year tax T(b) per unit.
    public let baseTax: [Double]
    /// Base-year enterprise income E(b) per unit.
    public let baseEnterpriseIncome: [Double]
    /// Planned tax per unit-year (`taxSeries`), NaN where none.
    public let plannedTax: [Double]
    /// Baseline tax growth μ_i(t) per unit-year (plus a judged pilot's effort p(t) in a wave
    /// state's policy, `WaveEngines`, model.md §20).
    public internal(set) var baselineGrowth: [Double]
    /// Where each unit's baseline growth comes from.
    public let growthSource: [TaxGrowthPolicy.Source]
    /// Incentive elasticity ε(t).
    public let elasticity: [Double]
    /// Tax-growth volatility σ(t).
    public let volatility: [Double]
    /// Enterprise exit rate x(t).
    public let exitRate: [Double]
    /// Tax yield κ(t) of divested enterprise income.
    public let taxYield: [Double]
    /// Allocation A_i(t) per unit-year.
    public let allocation: [Double]
    /// Collective income K_i(t) per unit-year.
    public let collectiveIncome: [Double]
    /// Need from the `needs` items per unit-year (task costs come on top).
    public let needItems: [Double]

    /// The rebate, if the scenario has one.
    public let rebate: CompiledRebate?
    /// Capacity limit per district-year as (share of revenue, amount), `[year * districtCount + district]`.
    public let capacityShare: [Double?]
    /// See `capacityShare`.
    public let capacityAmount: [Double?]
    /// Line-fee categories.
    public let fees: [CompiledLineFee]
    /// Donations, if the scenario has them.
    public let donations: CompiledDonations?

    /// Resolves `policy` for `scenario`; with `counterfactual`, nothing is ever adopted.
    public init(_ policy: Policy, of scenario: Scenario, counterfactual: Bool) {
        let horizon = scenario.horizon
        let units = scenario.units
        let n = units.count
        let years = horizon.count
        let groups = scenario.unitsByDistrict
        self.isCounterfactual = counterfactual
        self.horizon = horizon
        self.unitCount = n
        self.districtCount = scenario.districts.count
        self.districtOf = units.map(\.districtIndex)
        self.unitsByDistrict = groups
        self.adoptionYear = counterfactual ? units.map { _ in nil } : policy.rollout.adoptionYears(in: scenario)
        self.rebateEligible = units.map { unit in policy.rebate.map { $0.eligibility.admits(unit.tags) } ?? false }
        self.feeEligible = policy.lineFees.map { fee in units.map { fee.eligibility.admits($0.tags) } }
        self.donationEligible = units.map { unit in policy.donations.map { $0.eligibility.admits(unit.tags) } ?? false }
        self.baseTax = units.map(\.tax)
        self.baseEnterpriseIncome = units.map(\.enterpriseIncome)

        func perUnitYear(_ value: (Int, Int) -> Double) -> [Double] {
            var out = [Double](repeating: 0, count: years * n)
            for y in 0..<years { for i in 0..<n { out[y * n + i] = value(y, i) } }
            return out
        }
        plannedTax = perUnitYear { y, i in units[i].plannedTax[horizon.year(at: y)] ?? .nan }
        let growthSource = units.map { policy.taxGrowth.source(for: $0) }
        self.growthSource = growthSource
        baselineGrowth = perUnitYear { y, i in policy.taxGrowth.baseline(from: growthSource[i], in: horizon.year(at: y)) }
        elasticity = policy.incentiveElasticity.series(over: horizon)
        volatility = policy.taxGrowth.volatility.series(over: horizon)
        exitRate = policy.restructuring.exitRate.series(over: horizon)
        taxYield = policy.restructuring.taxYield.series(over: horizon)
        let allocationIndex = policy.allocationIndexation.growthIndex(over: horizon)
        allocation = perUnitYear { y, i in units[i].allocation * allocationIndex[y] }
        let collectiveIndex = policy.collectiveGrowth.growthIndex(over: horizon)
        collectiveIncome = perUnitYear { y, i in units[i].collectiveIncome * collectiveIndex[y] }
        // Each item's indicator read once per unit (a lookup by column name), not once per unit-year.
        let needCosts = policy.needs.map { item in
            (units.map { $0.indicator(item.indicator) }, item.unitCost.series(over: horizon), item.growth.growthIndex(over: horizon))
        }
        needItems = perUnitYear { y, i in
            needCosts.reduce(0) { $0 + $1.1[y] * $1.0[i] * $1.2[y] }
        }

        rebate = policy.rebate.map { CompiledRebate($0, horizon: horizon) }
        let d = scenario.districts.count
        var share = [Double?](repeating: nil, count: years * d)
        var amount = [Double?](repeating: nil, count: years * d)
        for (district, capacity) in policy.capacities.enumerated() {
            for y in 0..<years {
                let year = horizon.year(at: y)
                share[y * d + district] = capacity.maxShareOfRevenue?.value(in: year)
                amount[y * d + district] = capacity.maxAmount?.value(in: year)
            }
        }
        capacityShare = share
        capacityAmount = amount
        fees = policy.lineFees.map { CompiledLineFee($0, scenario: scenario) }
        donations = policy.donations.map { CompiledDonations($0, scenario: scenario) }
    }

    /// Whether unit `i` has adopted in `year`.
    @inlinable public func isAdopted(_ i: Int, in year: Int) -> Bool {
        guard let alpha = adoptionYear[i] else { return false }
        return year >= alpha
    }

    /// Whether the rebate applies to unit `i` in `year`: adopted, eligible and within the term.
    @inlinable public func rebateApplies(to i: Int, in year: Int) -> Bool {
        guard let rebate, rebateEligible[i], let alpha = adoptionYear[i], year >= alpha else { return false }
        if let term = rebate.termYears { return year <= alpha + term - 1 }
        return true
    }
}
