/// Increment sharing's per-year kernel (税收增量比例返还, model.md §6.1): the reference from the
/// rule's memory, then the increment above it rebated at the year's marginal band rates.
struct IncrementSharingKernel: Sendable {
    /// The compiled rule.
    let rule: CompiledIncrementSharing
    /// Reference memory per unit-year `[y * n + i]`: 0 none (not adopted), 1 start of a
    /// (rebasing) period or, for the ratchet, the adoption year, 2 continue.
    let memoryStep: [UInt8]
    /// Fixed reference index Π_{u=s..t}(1 + q(u)) per unit-year.
    let referenceIndex: [Double]

    /// Resolves the draw-independent part of `rule` for `policy`'s units.
    init(_ rule: CompiledIncrementSharing, policy: CompiledPolicy) {
        self.rule = rule
        let n = policy.unitCount
        let years = policy.horizon.count
        var memory = [UInt8](repeating: 0, count: years * n)
        var index = [Double](repeating: 1, count: years * n)
        for i in 0..<n {
            guard let alpha = policy.adoptionYear[i] else { continue }
            var referenceIndex = 1.0
            for y in 0..<years {
                let year = policy.horizon.year(at: y)
                // The reference memory is kept from adoption on, whatever the eligibility.
                guard year >= alpha else { continue }
                let k = y * n + i
                let periodStart = rule.periodStart(adoptionYear: alpha, year: year)
                let start = rule.reference == .ratchet ? year == alpha : year == periodStart
                memory[k] = start ? 1 : 2
                if year == periodStart {
                    referenceIndex = 1 + rule.referenceGrowth[y]
                } else {
                    referenceIndex *= 1 + rule.referenceGrowth[y]
                }
                index[k] = referenceIndex
            }
        }
        memoryStep = memory
        referenceIndex = index
    }

    /// One block: T(s−1) of the fixed reference's current period, or the ratchet's running
    /// maximum; none for the rolling reference.
    func initialMemory(tax: [Double]) -> [Double] {
        rule.reference == .rolling ? [] : tax
    }

    /// The statutory rebate of `increment` in year index `y` (the sum of the bands, before the
    /// per-unit cap): the value `advance` computes.
    func statutoryRebate(on increment: Double, yearIndex y: Int) -> Double {
        rule.bands[y].rebate(on: increment)
    }

    /// Reference, tax, increment and statutory rebate of every unit and path in `year`.
    func advance(_ engine: YearEngine, _ year: EngineYear) -> Int {
        let y = year.yearIndex
        let paths = year.paths
        let n = engine.policy.unitCount
        let mode = rule.reference
        let schedule = rule.bands[y]
        let bounds = schedule.upperBounds
        let rates = schedule.rates
        let cap = year.cap
        var clamped = 0
        for i in 0..<n {
            let k = y * n + i
            let unit = year.unit(i)
            let state = unit.state
            let refOut = unit.reference

            // Reference memory and reference, from last year's tax.
            let step = memoryStep[k]
            if step != 0 {
                if mode == .fixed, step == 1 {
                    (year.memory! + i * paths).update(from: state, count: paths)
                } else if mode == .ratchet {
                    let running = year.memory! + i * paths
                    if step == 1 {
                        running.update(from: state, count: paths)
                    } else {
                        for q in 0..<paths { running[q] = max(running[q], state[q]) }
                    }
                }
            }
            let applies = engine.applies[k]
            if applies {
                switch mode {
                case .fixed:
                    let base = year.memory! + i * paths
                    let factor = referenceIndex[k]
                    for q in 0..<paths { refOut[q] = base[q] * factor }
                case .rolling:
                    for q in 0..<paths { refOut[q] = state[q] }
                case .ratchet:
                    let running = year.memory! + i * paths
                    for q in 0..<paths { refOut[q] = running[q] }
                }
            } else {
                for q in 0..<paths { refOut[q] = .nan }
            }

            clamped += engine.advanceTax(unit: i, unit, in: year)

            // Increment and statutory rebate (before district capacity).
            if applies {
                for q in 0..<paths {
                    let increment = max(0, state[q] - refOut[q])
                    unit.increment[q] = increment
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
                    unit.rebate[q] = total
                }
            } else {
                for q in 0..<paths {
                    unit.increment[q] = 0
                    unit.rebate[q] = 0
                }
            }
        }
        return clamped
    }
}
