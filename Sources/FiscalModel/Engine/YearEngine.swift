/// Advances one path by one year: drivers (§4), the rebate with district capacity (§6.1),
/// line fees (§6.2) and pooled donations (§6.3).
///
/// The engine holds only draw-independent data; the random draws come in per call, so a
/// deterministic run and every Monte Carlo path go through the same code.
public struct YearEngine: Sendable {
    /// The resolved policy.
    public let policy: CompiledPolicy

    /// Creates an engine for `policy`.
    public init(_ policy: CompiledPolicy) { self.policy = policy }

    /// A fresh outcome buffer of the right shape.
    public func makeOutcome() -> YearOutcome {
        YearOutcome(unitCount: policy.unitCount, districtCount: policy.districtCount, feeCount: policy.fees.count)
    }

    /// Advances `state` from year t−1 to t = `horizon.year(at: yearIndex)` and writes the year
    /// into `out`.
    ///
    /// - Parameters:
    ///   - taxShocks: z_i(t) per unit, or `nil` for no shocks (deterministic).
    ///   - donationShocks: the lognormal factor per source and district,
    ///     `[source * districtCount + district]`, or `nil` for none.
    public func advance(
        _ state: inout PathState, yearIndex y: Int, taxShocks: UnsafeBufferPointer<Double>? = nil,
        donationShocks: UnsafeBufferPointer<Double>? = nil, into out: inout YearOutcome
    ) {
        let p = policy
        let n = p.unitCount
        let year = p.horizon.year(at: y)
        out.year = year
        out.clampedTax = 0
        let epsilon = p.elasticity[y]
        let sigma = p.volatility[y]
        let exit = p.exitRate[y]
        let kappa = p.taxYield[y]
        let rebate = p.rebate

        for i in 0..<n {
            let adopted = p.isAdopted(i, in: year)
            let applies = p.rebateApplies(to: i, in: year)
            let rate = applies ? rebate!.firstRate[y] : 0
            var growth = p.baselineGrowth[y * n + i] + epsilon * rate
            if let taxShocks { growth += sigma * taxShocks[i] }

            let divested = adopted ? state.enterpriseIncome[i] * exit : 0
            state.enterpriseIncome[i] -= divested
            let previousTax = state.tax[i]
            let planned = p.plannedTax[y * n + i]
            let tax: Double
            if !planned.isNaN {
                tax = planned
            } else {
                var factor = 1 + growth
                if factor < 0 {
                    factor = 0
                    out.clampedTax += 1
                }
                tax = previousTax * factor + kappa * divested
            }

            var reference = Double.nan
            var increment = 0.0
            var amount = 0.0
            if let rebate, adopted, let alpha = p.adoptionYear[i] {
                // The reference memory is kept from adoption on, whatever the eligibility.
                let periodStart = rebate.rebaseEveryYears.map { alpha + $0 * ((year - alpha) / $0) } ?? alpha
                if year == periodStart {
                    state.periodBase[i] = previousTax
                    state.referenceIndex[i] = 1 + rebate.referenceGrowth[y]
                } else {
                    state.referenceIndex[i] *= 1 + rebate.referenceGrowth[y]
                }
                state.ratchet[i] = year == alpha ? previousTax : max(state.ratchet[i], previousTax)
                if applies {
                    switch rebate.reference {
                    case .fixed: reference = state.periodBase[i] * state.referenceIndex[i]
                    case .rolling: reference = previousTax
                    case .ratchet: reference = state.ratchet[i]
                    }
                    increment = max(0, tax - reference)
                    amount = rebate.bands[y].rebate(on: increment)
                    if let cap = rebate.capPerUnit { amount = min(amount, cap[y]) }
                }
            }
            state.tax[i] = tax
            out.adopted[i] = adopted
            out.tax[i] = tax
            out.reference[i] = reference
            out.increment[i] = increment
            out.rebate[i] = amount
            out.enterpriseIncome[i] = state.enterpriseIncome[i]
        }

        applyCapacity(yearIndex: y, to: &out)
        allocateFees(yearIndex: y, into: &out)
        allocateDonations(yearIndex: y, shocks: donationShocks, into: &out)
    }

    /// District capacity (财政承受能力): scales every rebate of a district whose total exceeds
    /// the lower of its limits.
    private func applyCapacity(yearIndex y: Int, to out: inout YearOutcome) {
        let p = policy
        let d = p.districtCount
        for district in 0..<d {
            out.capacityFactor[district] = 1
            let share = p.capacityShare[y * d + district]
            let amountLimit = p.capacityAmount[y * d + district]
            guard share != nil || amountLimit != nil else { continue }
            let members = p.unitsByDistrict[district]
            let total = members.reduce(0) { $0 + out.rebate[$1] }
            guard total > 0 else { continue }
            var limit = Double.infinity
            if let share { limit = min(limit, share * members.reduce(0) { $0 + out.tax[$1] }) }
            if let amountLimit { limit = min(limit, amountLimit) }
            guard total > limit else { continue }
            let factor = limit / total
            out.capacityFactor[district] = factor
            for i in members { out.rebate[i] *= factor }
        }
    }

    /// Line fees to blocks: τ·C·s to adopted, eligible units; task costs for the same units.
    private func allocateFees(yearIndex y: Int, into out: inout YearOutcome) {
        let p = policy
        let n = p.unitCount
        let d = p.districtCount
        for (k, fee) in p.fees.enumerated() {
            let share = fee.transferShare[y]
            for district in 0..<d { out.feesCollected[k][district] = fee.collection[y * d + district] }
            for i in 0..<n {
                let takesPart = out.adopted[i] && p.feeEligible[k][i]
                let collected = fee.collection[y * d + p.districtOf[i]]
                out.fees[k][i] = takesPart ? share * collected * fee.shares[y * n + i] : 0
                out.taskCosts[k][i] = takesPart ? (fee.taskCost?[y * n + i] ?? 0) : 0
            }
        }
    }

    /// Pooled donations: reserve, proportional blocks to adopted eligible units, floors.
    private func allocateDonations(yearIndex y: Int, shocks: UnsafeBufferPointer<Double>?, into out: inout YearOutcome) {
        let p = policy
        let n = p.unitCount
        let d = p.districtCount
        guard let donations = p.donations else { return }
        for district in 0..<d {
            var pool = 0.0
            for (s, amounts) in donations.sourceAmounts.enumerated() {
                pool += amounts[y * d + district] * (shocks?[s * d + district] ?? 1)
            }
            out.donationsPooled[district] = pool
            let reserve = p.isCounterfactual ? 0 : donations.reserveShare[y] * pool
            out.donationsReserve[district] = reserve
            let members = p.unitsByDistrict[district]
            let receivers = members.filter { out.adopted[$0] && p.donationEligible[$0] }
            for i in members { out.donations[i] = 0 }
            guard !receivers.isEmpty else { continue }
            let distributable = pool - reserve
            let shares = receivers.map { donations.shares[y * n + $0] }
            let receivable = shares.reduce(0) { $0 + distributable * $1 }
            let amounts = DonationAllocation.allocate(
                receivable: receivable, shares: shares, floor: donations.minimumPerUnit?[y])
            for (i, amount) in zip(receivers, amounts) { out.donations[i] = amount }
        }
    }
}
