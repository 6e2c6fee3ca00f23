/// The linked rule's per-year kernel (挂钩返还, model.md §14): the statutory amount ρ* follows
/// the unit's realised tax growth from adoption on, paid or not; the cap acts on the paid
/// amount only.
struct LinkedRebateKernel: Sendable {
    /// The compiled rule.
    let rule: CompiledLinkedRebate
    /// Per unit-year `[y * n + i]`: 0 before adoption (or never), 1 in the adoption year α
    /// (ρ*(α−1) = s·T(α−1) is set), 2 after.
    let memoryStep: [UInt8]
    /// The base share s_i in force in unit i's adoption year (0 if it never adopts).
    let baseShare: [Double]

    /// Resolves the draw-independent part of `rule` for `policy`'s units.
    init(_ rule: CompiledLinkedRebate, policy: CompiledPolicy) {
        self.rule = rule
        let n = policy.unitCount
        let years = policy.horizon.count
        var memory = [UInt8](repeating: 0, count: years * n)
        var share = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard let alpha = policy.adoptionYear[i] else { continue }
            let alphaIndex = policy.horizon.index(of: alpha)
            if alphaIndex < years { share[i] = rule.baseShare[alphaIndex] }
            for y in 0..<years where policy.horizon.year(at: y) >= alpha {
                memory[y * n + i] = policy.horizon.year(at: y) == alpha ? 1 : 2
            }
        }
        memoryStep = memory
        baseShare = share
    }

    /// Two blocks: the base tax T(α−1) (the reported reference) and the statutory amount
    /// ρ*(t−1), never lowered by the cap or district capacity.
    func initialMemory(tax: [Double]) -> [Double] {
        tax + [Double](repeating: 0, count: tax.count)
    }

    /// Unit `i`'s base rebate B = s·T(α−1) on path `p` of `batch`, once it has adopted.
    func baseRebate(in batch: PathBatch, unit i: Int, path p: Int = 0) -> Double {
        baseShare[i] * batch.rebateMemory[i * batch.count + p]
    }

    /// Unit `i`'s statutory amount ρ*(t) on path `p` of `batch` after the year t it advanced to.
    func statutoryAmount(in batch: PathBatch, unit i: Int, path p: Int = 0) -> Double {
        batch.rebateMemory[(batch.unitCount + i) * batch.count + p]
    }

    /// Reference, tax, increment (reported only) and statutory rebate of every unit and path.
    func advance(_ engine: YearEngine, _ year: EngineYear) -> Int {
        let y = year.yearIndex
        let paths = year.paths
        let n = engine.policy.unitCount
        let coefficient = rule.coefficient[y]
        let cap = year.cap
        let memory = year.memory!
        let previous = year.scratch
        var clamped = 0
        for i in 0..<n {
            let k = y * n + i
            let unit = year.unit(i)
            let state = unit.state
            let base = memory + i * paths
            let amount = memory + n * paths + i * paths

            // ρ*(α−1) = s·T(α−1); the recursion needs T(t−1) once the tax has advanced.
            let step = memoryStep[k]
            if step != 0 {
                if step == 1 {
                    base.update(from: state, count: paths)
                    let share = baseShare[i]
                    for q in 0..<paths { amount[q] = share * state[q] }
                }
                previous.update(from: state, count: paths)
            }
            let applies = engine.applies[k]
            if applies {
                for q in 0..<paths { unit.reference[q] = base[q] }
            } else {
                for q in 0..<paths { unit.reference[q] = .nan }
            }

            clamped += engine.advanceTax(unit: i, unit, in: year)

            // ρ*(t) = ρ*(t−1)·max(0, 1 + c·γ) in every year from α on, paid or not.
            if step != 0 {
                for q in 0..<paths {
                    amount[q] *= LinkedRebate.growthFactor(previousTax: previous[q], tax: state[q], coefficient: coefficient)
                }
            }
            if applies {
                for q in 0..<paths {
                    unit.increment[q] = max(0, state[q] - unit.reference[q])
                    unit.rebate[q] = cap.map { min(amount[q], $0) } ?? amount[q]
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
