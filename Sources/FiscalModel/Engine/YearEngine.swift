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
    /// Reference memory: 0 none (not adopted or no rebate), 1 start of a (rebasing) period /
    /// adoption year, 2 continue.
    let memoryStep: [UInt8]
    /// Fixed reference index Π_{u=s..t}(1 + q(u)).
    let referenceIndex: [Double]
    /// Linked rule: the base share s_i in force in unit i's adoption year (0 if it never adopts).
    let linkedBaseShare: [Double]
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
        var memory = [UInt8](repeating: 0, count: years * n)
        var index = [Double](repeating: 1, count: years * n)
        var baseShare = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let alphaIndex = policy.adoptionYear[i].map { policy.horizon.index(of: $0) }
            if let linked = policy.rebate?.linked, let alphaIndex, alphaIndex < years {
                baseShare[i] = linked.baseShare[alphaIndex]
            }
            var income = policy.baseEnterpriseIncome[i]
            var referenceIndex = 1.0
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
                if let rebate = policy.rebate, isAdopted, let alpha = policy.adoptionYear[i] {
                    // The reference memory is kept from adoption on, whatever the eligibility.
                    let periodStart = rebate.rebaseEveryYears.map { alpha + $0 * ((year - alpha) / $0) } ?? alpha
                    let start = rebate.reference == .ratchet ? year == alpha : year == periodStart
                    memory[k] = start ? 1 : 2
                    if year == periodStart {
                        referenceIndex = 1 + rebate.referenceGrowth[y]
                    } else {
                        referenceIndex *= 1 + rebate.referenceGrowth[y]
                    }
                    index[k] = referenceIndex
                }
            }
        }
        self.adopted = adopted
        self.applies = applies
        self.growthBase = growthBase
        self.taxAddition = taxAddition
        self.enterpriseIncome = enterprise
        self.memoryStep = memory
        self.referenceIndex = index
        self.linkedBaseShare = baseShare

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
            batch.periodBase.withUnsafeMutableBufferPointer { periodBase in
                batch.ratchet.withUnsafeMutableBufferPointer { ratchet in
                    batch.linkedAmount.withUnsafeMutableBufferPointer { linked in
                        batch.scratch.withUnsafeMutableBufferPointer { scratch in
                            let memory = ReferenceMemory(
                                periodBase: periodBase.baseAddress, ratchet: ratchet.baseAddress,
                                linkedAmount: linked.baseAddress, previousTax: scratch.baseAddress!)
                            clamped = advanceUnits(
                                yearIndex: y, paths: batch.count, tax: tax.baseAddress!, memory: memory,
                                taxShocks: taxShocks, out: out)
                        }
                    }
                }
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

    /// The per-path rebate memory of a batch, unit-major like its tax.
    private struct ReferenceMemory {
        /// T(s−1) of the fixed reference's current period (also the linked rule's base tax T(α−1)).
        var periodBase: UnsafeMutablePointer<Double>?
        /// The ratchet's running maximum.
        var ratchet: UnsafeMutablePointer<Double>?
        /// The linked rule's statutory amount ρ*(t−1), updated to ρ*(t).
        var linkedAmount: UnsafeMutablePointer<Double>?
        /// One unit's T(t−1) for every path while its tax advances (scratch slot 0).
        var previousTax: UnsafeMutablePointer<Double>
    }

    /// Tax, reference, increment and statutory rebate of every unit and path.
    private func advanceUnits(
        yearIndex y: Int, paths: Int, tax: UnsafeMutablePointer<Double>, memory: ReferenceMemory,
        taxShocks: UnsafePointer<Double>?, out: BatchYearOutput
    ) -> Int {
        let p = policy
        let periodBase = memory.periodBase
        let ratchet = memory.ratchet
        let linked = p.rebate?.linked
        let coefficient = linked?.coefficient[y] ?? 0
        let n = p.unitCount
        let sigma = p.volatility[y]
        let rebate = p.rebate
        let mode = rebate?.reference
        let schedule = linked == nil ? rebate?.bands[y] : nil
        let bounds = schedule?.upperBounds ?? []
        let rates = schedule?.rates ?? []
        let cap = rebate?.capPerUnit?[y]
        var clamped = 0
        for i in 0..<n {
            let k = y * n + i
            let state = tax + i * paths
            let refOut = out.reference + i * out.unitStride
            let incOut = out.increment + i * out.unitStride
            let rebOut = out.rebate + i * out.unitStride
            let taxOut = out.tax + i * out.unitStride

            // Reference memory and reference, from last year's tax.
            let step = memoryStep[k]
            if step != 0 {
                if mode == .fixed, step == 1, let periodBase {
                    (periodBase + i * paths).update(from: state, count: paths)
                } else if mode == .ratchet, let ratchet {
                    let running = ratchet + i * paths
                    if step == 1 {
                        running.update(from: state, count: paths)
                    } else {
                        for q in 0..<paths { running[q] = max(running[q], state[q]) }
                    }
                }
                if linked != nil, let amount = memory.linkedAmount.map({ $0 + i * paths }) {
                    // ρ*(α−1) = s·T(α−1); the recursion needs T(t−1) once the tax has advanced.
                    if step == 1 {
                        let share = linkedBaseShare[i]
                        for q in 0..<paths { amount[q] = share * state[q] }
                    }
                    memory.previousTax.update(from: state, count: paths)
                }
            }
            let applies = self.applies[k]
            if applies {
                switch mode! {
                case .fixed:
                    let base = periodBase! + i * paths
                    let factor = referenceIndex[k]
                    for q in 0..<paths { refOut[q] = base[q] * factor }
                case .rolling:
                    for q in 0..<paths { refOut[q] = state[q] }
                case .ratchet:
                    let running = ratchet! + i * paths
                    for q in 0..<paths { refOut[q] = running[q] }
                }
            } else {
                for q in 0..<paths { refOut[q] = .nan }
            }

            // Tax (SPEC §4 with the clamp, or the planned value).
            let planned = p.plannedTax[k]
            if !planned.isNaN {
                for q in 0..<paths { state[q] = planned }
            } else {
                let base = growthBase[k]
                let addition = taxAddition[k]
                if let taxShocks {
                    let z = taxShocks + i * paths
                    for q in 0..<paths {
                        var factor = 1 + (base + sigma * z[q])
                        if factor < 0 {
                            factor = 0
                            clamped += 1
                        }
                        state[q] = state[q] * factor + addition
                    }
                } else {
                    var factor = 1 + base
                    if factor < 0 {
                        factor = 0
                        clamped += paths
                    }
                    for q in 0..<paths { state[q] = state[q] * factor + addition }
                }
            }
            taxOut.update(from: state, count: paths)

            // Linked rule: ρ*(t) = ρ*(t−1)·max(0, 1 + c·γ) in every year from α on, paid or not.
            if linked != nil, step != 0, let amount = memory.linkedAmount.map({ $0 + i * paths }) {
                let previous = memory.previousTax
                for q in 0..<paths {
                    amount[q] *= LinkedRebate.growthFactor(previousTax: previous[q], tax: state[q], coefficient: coefficient)
                }
                if applies {
                    for q in 0..<paths {
                        incOut[q] = max(0, state[q] - refOut[q])
                        rebOut[q] = cap.map { min(amount[q], $0) } ?? amount[q]
                    }
                    continue
                }
            }

            // Increment and statutory rebate (before district capacity).
            if applies {
                for q in 0..<paths {
                    let increment = max(0, state[q] - refOut[q])
                    incOut[q] = increment
                    // BandSchedule.rebate(on:) without its early exit: bands above the
                    // increment add rate × 0 = +0, so the sum is bit-identical.
                    var total = 0.0
                    var lower = 0.0
                    for j in 0..<rates.count {
                        let upper = j < bounds.count ? bounds[j] : Double.infinity
                        total += rates[j] * max(0, min(increment, upper) - lower)
                        lower = upper
                    }
                    if let cap { total = min(total, cap) }
                    rebOut[q] = total
                }
            } else {
                for q in 0..<paths {
                    incOut[q] = 0
                    rebOut[q] = 0
                }
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
    /// floors (SPEC §6.3, §13).
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
