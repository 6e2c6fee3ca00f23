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
    /// wave member's until its wave adopts, set per path by `WaveEngines`, SPEC §20).
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
    /// state's policy, `WaveEngines`, SPEC §20).
    public internal(set) var baselineGrowth: [Double]
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
        baselineGrowth = perUnitYear { y, i in policy.taxGrowth.baseline(for: units[i], in: horizon.year(at: y)) }
        elasticity = policy.incentiveElasticity.series(over: horizon)
        volatility = policy.taxGrowth.volatility.series(over: horizon)
        exitRate = policy.restructuring.exitRate.series(over: horizon)
        taxYield = policy.restructuring.taxYield.series(over: horizon)
        let allocationIndex = policy.allocationIndexation.growthIndex(over: horizon)
        allocation = perUnitYear { y, i in units[i].allocation * allocationIndex[y] }
        let collectiveIndex = policy.collectiveGrowth.growthIndex(over: horizon)
        collectiveIncome = perUnitYear { y, i in units[i].collectiveIncome * collectiveIndex[y] }
        let needCosts = policy.needs.map { item in
            (item.indicator, item.unitCost.series(over: horizon), item.growth.growthIndex(over: horizon))
        }
        needItems = perUnitYear { y, i in
            needCosts.reduce(0) { $0 + $1.1[y] * units[i].indicator($1.0) * $1.2[y] }
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

/// The rebate resolved per year.
///
/// Under the linked rule (SPEC §14) the reference is the base tax T(α−1): the fixed reference
/// without rebasing or indexation, so `reference` is `.fixed`, `rebaseEveryYears` is `nil`,
/// `referenceGrowth` is 0 and `bands` is empty; `linked` carries the rule's parameters.
public struct CompiledRebate: Sendable {
    /// Reference mode.
    public let reference: RebatePolicy.Reference
    /// Rebasing period k of the fixed reference.
    public let rebaseEveryYears: Int?
    /// Term n in years.
    public let termYears: Int?
    /// Marginal bands in force in each projected year (empty under the linked rule).
    public let bands: [BandSchedule]
    /// First-band (statutory) rate per year, for the incentive term (0 under the linked rule).
    public let firstRate: [Double]
    /// Reference indexation q(t) per year (0 unless fixed with `referenceGrowth`).
    public let referenceGrowth: [Double]
    /// Cap per unit per year, if any.
    public let capPerUnit: [Double]?
    /// The linked rule's parameters per year, if the rebate follows it.
    public let linked: CompiledLinkedRebate?

    /// Resolves `rebate` over `horizon`.
    public init(_ rebate: RebatePolicy, horizon: Horizon) {
        termYears = rebate.termYears
        capPerUnit = rebate.capPerUnit?.series(over: horizon)
        if case .linked(let rule) = rebate.rule {
            reference = .fixed
            rebaseEveryYears = nil
            bands = []
            firstRate = Array(repeating: 0, count: horizon.count)
            referenceGrowth = Array(repeating: 0, count: horizon.count)
            linked = CompiledLinkedRebate(
                baseShare: rule.baseShare.series(over: horizon), coefficient: rule.coefficient.series(over: horizon))
            return
        }
        linked = nil
        reference = rebate.reference
        rebaseEveryYears = rebate.reference == .fixed ? rebate.rebaseEveryYears : nil
        bands = horizon.years.map { year in
            BandSchedule(
                upperBounds: rebate.bands.dropLast().map { $0.upTo?.value(in: year) ?? .infinity },
                rates: rebate.bands.map { $0.rate.value(in: year) })
        }
        firstRate = bands.map { $0.rates[0] }
        if rebate.reference == .fixed, let growth = rebate.referenceGrowth {
            referenceGrowth = growth.series(over: horizon)
        } else {
            referenceGrowth = Array(repeating: 0, count: horizon.count)
        }
    }

    /// The statutory rate r(t) of the incentive term (SPEC §4) for a unit where the rebate
    /// applies in year index `y` and that adopted in year index `alphaIndex`: the first-band
    /// rate, or c(t)·s under the linked rule (§14).
    @inlinable public func incentiveRate(yearIndex y: Int, adoptionIndex alphaIndex: Int) -> Double {
        guard let linked else { return firstRate[y] }
        return linked.coefficient[y] * linked.baseShare[alphaIndex]
    }
}

/// The linked rule (挂钩返还, SPEC §14) resolved per projected year.
public struct CompiledLinkedRebate: Sendable {
    /// Base share s(t); a unit's s is the value in its adoption year.
    public let baseShare: [Double]
    /// Coefficient c(t).
    public let coefficient: [Double]

    /// Creates the resolved rule.
    public init(baseShare: [Double], coefficient: [Double]) {
        self.baseShare = baseShare
        self.coefficient = coefficient
    }
}

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
            return (0..<horizon.count).flatMap { y in
                units.map { cost[y] * $0.indicator(task.indicator) * index[y] }
            }
        }
    }
}

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
