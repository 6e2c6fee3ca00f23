import FiscalModel

/// The linked rule's derivation in `explain` (挂钩返还, SPEC §14): the base tax and base share,
/// each year's realised growth and factor, the chained factor and the statutory amount — the
/// engine's own chain (`UnitYearTrace.linkedChain`).
struct LinkedRebateExplanation: RebateRuleExplanation {
    /// The compiled rule.
    let rule: CompiledLinkedRebate

    var title: String { "Linked rebate 挂钩返还 (1∶c rule)" }

    func incentiveRateName(in context: ExplainContext, alpha: Int) -> String {
        let alphaIndex = context.scenario.horizon.index(of: alpha)
        return "linked rate c × s = \(context.number(rule.coefficient[context.y])) × \(context.number(rule.baseShare[alphaIndex]))"
    }

    func lines(in context: ExplainContext, alpha: Int, reference: Double) -> [Explanation.Line] {
        let c = context
        let money = c.money
        let horizon = c.scenario.horizon
        let share = rule.baseShare[horizon.index(of: alpha)]
        let chain = c.trace.linkedChain
        var lines = [
            Explanation.Line("linked rule (挂钩返还): a base amount grown each year at c × the unit's realised tax growth (1∶c; 1∶0.3 in 1994)"),
            Explanation.Line("base tax 基数 T(α−1) = T(\(alpha - 1))", value: money.text(c.tax(in: alpha - 1))),
            Explanation.Line("base rebate B = s × T(α−1) = \(c.number(share)) × \(money.text(c.tax(in: alpha - 1))) (linked.baseShare in force in α = \(alpha))", value: money.text(chain[0].amount)),
        ]
        for step in chain.dropFirst() {
            let coefficient = rule.coefficient[horizon.index(of: step.year)]
            let before = c.tax(in: step.year - 1)
            let growth = before == 0
                ? "γ = 0 (T(\(step.year - 1)) = 0)"
                : "γ = T(\(step.year)) / T(\(step.year - 1)) − 1 = \(money.text(c.tax(in: step.year))) / \(money.text(before)) − 1 = \(c.percent(step.growth))"
            lines.append(Explanation.Line(
                "\(step.year): \(growth); factor max(0, 1 + \(c.number(coefficient)) × γ) = \(c.number(step.factor)); chained factor \(c.number(step.chained)); ρ*(\(step.year))",
                value: money.text(step.amount)))
        }
        let row = c.row
        lines.append(Explanation.Line("statutory amount ρ*(\(c.year)) = B × chained factor (the cap and capacity never lower it: the recursion runs on ρ*)", value: money.text(chain.last!.amount)))
        lines.append(Explanation.Line("reference: the base tax T(α−1) (for comparison with increment sharing)", value: money.text(reference), cell: .unit("reference")))
        lines.append(Explanation.Line("increment max(0, T − reference) = max(0, \(money.text(row.tax)) − \(money.text(reference))) (reported, not used by the rule)", value: money.text(row.increment), cell: .unit("increment")))
        return lines
    }

    func unpaidLines(in context: ExplainContext) -> [Explanation.Line] {
        guard let amount = context.trace.linkedChain.last?.amount else { return [] }
        return [Explanation.Line("linked rule: the statutory amount ρ*(\(context.year)) keeps following the tax after the term (not paid)", value: context.money.text(amount))]
    }
}
