/// The rebate rule's part of the yearly engine (返还规则的逐年计算): its draw-independent
/// per-unit-year values, the per-path memory it needs and its per-year kernel.
///
/// `YearEngine` switches on the rule once per year, outside every loop over units and paths;
/// each case's kernel then advances all units (see `IncrementSharingKernel`,
/// `LinkedRebateKernel`).
enum RebateKernel: Sendable {
    /// Increment sharing (税收增量比例返还, model.md §6.1).
    case increment(IncrementSharingKernel)
    /// The linked rule (挂钩返还, model.md §14).
    case linked(LinkedRebateKernel)

    /// The kernel of `policy`'s rebate, `nil` without a rebate.
    init?(_ policy: CompiledPolicy) {
        guard let rebate = policy.rebate else { return nil }
        switch rebate.rule {
        case .increment(let rule): self = .increment(IncrementSharingKernel(rule, policy: policy))
        case .linked(let rule): self = .linked(LinkedRebateKernel(rule, policy: policy))
        }
    }

    /// The per-path memory of a batch with base-year tax `tax` (unit-major): `memorySlots`
    /// blocks of `tax.count` values.
    func initialMemory(tax: [Double]) -> [Double] {
        switch self {
        case .increment(let kernel): kernel.initialMemory(tax: tax)
        case .linked(let kernel): kernel.initialMemory(tax: tax)
        }
    }
}

extension RebateKernel {
    /// Whether unit `i`'s reference in year index `y` is its reference of the year before, bit
    /// for bit on every path: increment sharing's fixed reference between rebases, whose base the
    /// kernel keeps unchanged in memory, with an unchanged reference index and the rule applying
    /// in both years (`advance` then writes the same products).
    func referenceRepeats(unit i: Int, yearIndex y: Int, engine: YearEngine) -> Bool {
        guard y > 0, case .increment(let kernel) = self, kernel.rule.reference == .fixed else { return false }
        let n = engine.policy.unitCount
        let (k, last) = (y * n + i, (y - 1) * n + i)
        return kernel.memoryStep[k] == 2 && kernel.memoryStep[last] != 0 && engine.applies[k] && engine.applies[last]
            && kernel.referenceIndex[k].bitPattern == kernel.referenceIndex[last].bitPattern
    }
}
