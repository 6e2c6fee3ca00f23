/// Advances a batch of paths by one year: drivers (§4), the rebate — increment sharing (§6.1)
/// or the linked rule (§14) — with district capacity, line fees (§6.2) and pooled donations (§6.3).
///
/// This is the one implementation of the model's yearly semantics. A deterministic run is a
/// batch of one path without shocks; a Monte Carlo run advances batches of paths with drawn
/// shocks. Everything that does not depend on the draws (adoption, enterprise income, fees,
/// task costs, needs, the reference index, donation receivers) is resolved once in `init`;
/// the per-year loop touches only contiguous per-path buffers and allocates nothing.
public struct YearEngine: Sendable {
    /// The resolved policy.
    public let policy: CompiledPolicy

    /// Number of per-path scratch slots a `PathBatch` provides.
    static let scratchSlots = 4

    // Draw-independent values per unit-year, `[y * n + i]`.
    /// t ≥ α_i.
    public let adopted: [Bool]
    /// The rebate applies (adopted, eligible, within the term).
    public let applies: [Bool]
    /// μ_i(t) + ε(t)·r_i(t): growth before the shock.
    let growthBase: [Double]
    /// κ(t)·V_i(t): tax yield of the income divested this year.
    let taxAddition: [Double]
    /// E_i(t) after divestment.
    public let enterpriseIncome: [Double]
    /// The rebate rule's own draw-independent values and kernel, `nil` without a rebate.
    let rebate: RebateKernel?
    /// F_{k,i}(t), `[k][y * n + i]`.
    public let fees: [[Double]]
    /// Σ_k F_{k,i}(t).
    public let feesTotal: [Double]
    /// Q_{k,i}(t) where the unit takes the task on, `[k][y * n + i]`.
    public let taskCosts: [[Double]]
    /// N_i(t): need items plus task costs.
    public let need: [Double]
    /// Donation receivers per district-year `[y * d + district]`, in file order.
    let receivers: [[Int]]
    /// Their allocation shares, aligned with `receivers`.
    let receiverShares: [[Double]]

    /// Resolves the draw-independent part of `policy`.
    public init(_ policy: CompiledPolicy) {
        self.policy = policy
        let n = policy.unitCount
        let d = policy.districtCount
        let years = policy.horizon.count
        var adopted = [Bool](repeating: false, count: years * n)
        var applies = [Bool](repeating: false, count: years * n)
        var growthBase = [Double](repeating: 0, count: years * n)
        var taxAddition = [Double](repeating: 0, count: years * n)
        var enterprise = [Double](repeating: 0, count: years * n)
        for i in 0..<n {
            let alphaIndex = policy.adoptionYear[i].map { policy.horizon.index(of: $0) }
            var income = policy.baseEnterpriseIncome[i]
            for y in 0..<years {
                let k = y * n + i
                let year = policy.horizon.year(at: y)
                let isAdopted = policy.isAdopted(i, in: year)
                let rebateApplies = policy.rebateApplies(to: i, in: year)
                adopted[k] = isAdopted
                applies[k] = rebateApplies
                let rate = rebateApplies ? policy.rebate!.incentiveRate(yearIndex: y, adoptionIndex: alphaIndex!) : 0
                growthBase[k] = policy.baselineGrowth[k] + policy.elasticity[y] * rate
                let divested = isAdopted ? income * policy.exitRate[y] : 0
                income -= divested
                enterprise[k] = income
                taxAddition[k] = policy.taxYield[y] * divested
            }
        }
        self.adopted = adopted
        self.applies = applies
        self.growthBase = growthBase
        self.taxAddition = taxAddition
        self.enterpriseIncome = enterprise
        self.rebate = RebateKernel(policy)

        var fees: [[Double]] = []
        var taskCosts: [[Double]] = []
        for (k, fee) in policy.fees.enumerated() {
            var amounts = [Double](repeating: 0, count: years * n)
            var costs = [Double](repeating: 0, count: years * n)
            for y in 0..<years {
                for i in 0..<n where adopted[y * n + i] && policy.feeEligible[k][i] {
                    amounts[y * n + i] = fee.transferShare[y] * fee.collection[y * d + policy.districtOf[i]]
                        * fee.shares[y * n + i]
                    costs[y * n + i] = fee.taskCost?[y * n + i] ?? 0
                }
            }
            fees.append(amounts)
            taskCosts.append(costs)
        }
        self.fees = fees
        self.taskCosts = taskCosts
        var total = [Double](repeating: 0, count: years * n)
        var need = [Double](repeating: 0, count: years * n)
        for k in 0..<(years * n) {
            total[k] = fees.reduce(0) { $0 + $1[k] }
            need[k] = policy.needItems[k] + taskCosts.reduce(0) { $0 + $1[k] }
        }
        self.feesTotal = total
        self.need = need

        var receivers: [[Int]] = []
        var receiverShares: [[Double]] = []
        for y in 0..<years {
            for district in 0..<d {
                let members = policy.unitsByDistrict[district]
                let chosen = policy.donations == nil
                    ? [] : members.filter { adopted[y * n + $0] && policy.donationEligible[$0] }
                receivers.append(chosen)
                receiverShares.append(chosen.map { policy.donations!.shares[y * n + $0] })
            }
        }
        self.receivers = receivers
        self.receiverShares = receiverShares
    }

    /// Advances every path of `batch` from year t−1 to t = `horizon.year(at: yearIndex)` and
    /// writes the year into `out`; returns how many tax values were clamped at a zero growth
    /// factor.
    ///
    /// - Parameters:
    ///   - taxShocks: z_i(t) per unit and path, `[i * batch.count + p]`, or `nil` (no shocks).
    ///   - donationFactors: the mean-one lognormal factor per source, district and path,
    ///     `[(source * districtCount + district) * batch.count + p]`, or `nil` (factor 1).
    @discardableResult
    public func advance(
        _ batch: PathBatch, yearIndex y: Int, taxShocks: UnsafePointer<Double>?,
        donationFactors: UnsafePointer<Double>?, into out: BatchYearOutput
    ) -> Int {
        var clamped = 0
        batch.tax.withUnsafeMutableBufferPointer { tax in
            batch.rebateMemory.withUnsafeMutableBufferPointer { memory in
                batch.scratch.withUnsafeMutableBufferPointer { scratch in
                    let year = EngineYear(
                        yearIndex: y, paths: batch.count, tax: tax.baseAddress!, memory: memory.baseAddress,
                        scratch: scratch.baseAddress!, taxShocks: taxShocks, cap: policy.rebate?.capPerUnit?[y],
                        out: out)
                    // The one dispatch on the rebate rule: each rule's kernel advances every unit.
                    switch rebate {
                    case nil: clamped = advanceWithoutRebate(year)
                    case .increment(let kernel): clamped = kernel.advance(self, year)
                    case .linked(let kernel): clamped = kernel.advance(self, year)
                    }
                }
            }
        }
        if let before = out.beforeCapacity {
            for i in 0..<policy.unitCount {
                (before + i * out.unitStride).update(from: out.rebate + i * out.unitStride, count: batch.count)
            }
        }
        batch.scratch.withUnsafeMutableBufferPointer { scratch in
            batch.floored.withUnsafeMutableBufferPointer { floored in
                applyCapacity(yearIndex: y, paths: batch.count, scratch: scratch.baseAddress!, out: out)
                allocateDonations(
                    yearIndex: y, paths: batch.count, factors: donationFactors, scratch: scratch.baseAddress!,
                    floored: floored, out: out)
                sumResources(yearIndex: y, paths: batch.count, out: out)
            }
        }
        return clamped
    }

    /// District capacity (财政承受能力): scales every rebate of a district whose total exceeds
    /// the lower of its limits; writes φ, Σ T and Σ ρ per district and path.
    private func applyCapacity(yearIndex y: Int, paths: Int, scratch: UnsafeMutablePointer<Double>, out: BatchYearOutput) {
        let p = policy
        let d = p.districtCount
        let total = scratch
        let factor = scratch + paths
        for district in 0..<d {
            let members = p.unitsByDistrict[district]
            let taxSum = out.districtTax + district * out.districtStride
            let rebates = out.rebates + district * out.districtStride
            let phi = out.capacityFactor + district * out.districtStride
            for q in 0..<paths {
                taxSum[q] = 0
                total[q] = 0
            }
            for i in members {
                let t = out.tax + i * out.unitStride
                let r = out.rebate + i * out.unitStride
                for q in 0..<paths {
                    taxSum[q] += t[q]
                    total[q] += r[q]
                }
            }
            let share = p.capacityShare[y * d + district]
            let amountLimit = p.capacityAmount[y * d + district]
            var binding = false
            for q in 0..<paths {
                factor[q] = 1
                guard share != nil || amountLimit != nil, total[q] > 0 else { continue }
                var limit = Double.infinity
                if let share { limit = min(limit, share * taxSum[q]) }
                if let amountLimit { limit = min(limit, amountLimit) }
                if total[q] > limit {
                    factor[q] = limit / total[q]
                    binding = true
                }
            }
            phi.update(from: factor, count: paths)
            if binding {
                for i in members {
                    let r = out.rebate + i * out.unitStride
                    for q in 0..<paths { r[q] *= factor[q] }
                }
                for q in 0..<paths { rebates[q] = 0 }
                for i in members {
                    let r = out.rebate + i * out.unitStride
                    for q in 0..<paths { rebates[q] += r[q] }
                }
            } else {
                rebates.update(from: total, count: paths)
            }
        }
    }

    /// Pooled donations (切块下拨): reserve, proportional blocks to adopted eligible units,
    /// floors (model.md §6.3, §13).
    private func allocateDonations(
        yearIndex y: Int, paths: Int, factors: UnsafePointer<Double>?, scratch: UnsafeMutablePointer<Double>,
        floored: UnsafeMutableBufferPointer<Bool>, out: BatchYearOutput
    ) {
        let p = policy
        let n = p.unitCount
        let d = p.districtCount
        for district in 0..<d {
            let pooled = out.donationsPooled + district * out.districtStride
            let reserve = out.donationsReserve + district * out.districtStride
            let allocated = out.donationsAllocated + district * out.districtStride
            let members = p.unitsByDistrict[district]
            for i in members {
                let target = out.donations + i * out.unitStride
                for q in 0..<paths { target[q] = 0 }
            }
            guard let donations = p.donations else {
                for q in 0..<paths {
                    pooled[q] = 0
                    reserve[q] = 0
                    allocated[q] = 0
                }
                continue
            }
            for q in 0..<paths { pooled[q] = 0 }
            for (s, amounts) in donations.sourceAmounts.enumerated() {
                let amount = amounts[y * d + district]
                if let factors {
                    let f = factors + (s * d + district) * paths
                    for q in 0..<paths { pooled[q] += amount * f[q] }
                } else {
                    for q in 0..<paths { pooled[q] += amount * 1 }
                }
            }
            let psi = p.isCounterfactual ? 0 : donations.reserveShare[y]
            for q in 0..<paths { reserve[q] = p.isCounterfactual ? 0 : psi * pooled[q] }
            let chosen = receivers[y * d + district]
            let shares = receiverShares[y * d + district]
            if !chosen.isEmpty {
                let floor = donations.minimumPerUnit?[y]
                shares.withUnsafeBufferPointer { shares in
                    for q in 0..<paths {
                        let distributable = pooled[q] - reserve[q]
                        var receivable = 0.0
                        for share in shares { receivable += distributable * share }
                        DonationAllocation.allocate(
                            receivable: receivable, shares: shares, floor: floor, floored: floored
                        ) { j, amount in
                            out.donations[chosen[j] * out.unitStride + q] = amount
                        }
                    }
                }
            }
            for q in 0..<paths { allocated[q] = 0 }
            for i in members {
                let source = out.donations + i * out.unitStride
                for q in 0..<paths { allocated[q] += source[q] }
            }
        }
        _ = n
    }

    /// Resources A + ρ + ΣF + donations + E + K per unit and path, and their district sums.
    private func sumResources(yearIndex y: Int, paths: Int, out: BatchYearOutput) {
        let p = policy
        let n = p.unitCount
        for i in 0..<n {
            let k = y * n + i
            let allocation = p.allocation[k]
            let fees = feesTotal[k]
            let enterprise = enterpriseIncome[k]
            let collective = p.collectiveIncome[k]
            let rebate = out.rebate + i * out.unitStride
            let donation = out.donations + i * out.unitStride
            let target = out.resources + i * out.unitStride
            for q in 0..<paths {
                target[q] = allocation + rebate[q] + fees + donation[q] + enterprise + collective
            }
        }
        for (district, members) in p.unitsByDistrict.enumerated() {
            let sum = out.districtResources + district * out.districtStride
            for q in 0..<paths { sum[q] = 0 }
            for i in members {
                let source = out.resources + i * out.unitStride
                for q in 0..<paths { sum[q] += source[q] }
            }
        }
    }
}
