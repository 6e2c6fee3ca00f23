import FiscalModel

/// The linked rule's derivation in `explain` (挂钩返还, model.md §14): the base tax and base share,
/// each year's realised growth and factor, the chained factor and the statutory amount — the
/// engine's own chain (`UnitYearTrace.linkedChain`).
struct LinkedRebateExplanation: RebateRuleExplanation {
    /// The compiled rule.
    let rule: CompiledLinkedRebate

    func title(_ language: WorkbookLanguage) -> String { language.pick("Linked rebate 挂钩返还 (1∶c rule)", "挂钩返还（1∶c 规则）") }

    func incentiveRateName(in context: ExplainContext, alpha: Int) -> String {
        let alphaIndex = context.scenario.horizon.index(of: alpha)
        return context.say("linked rate", "挂钩比例") + " c × s = \(context.number(rule.coefficient[context.y])) × \(context.number(rule.baseShare[alphaIndex]))"
    }

    func lines(in context: ExplainContext, alpha: Int, reference: Double) -> [Explanation.Line] {
        let c = context
        let money = c.money
        let horizon = c.scenario.horizon
        let share = rule.baseShare[horizon.index(of: alpha)]
        let chain = c.trace.linkedChain
        var lines = [
            Explanation.Line(c.say(
                "linked rule (挂钩返还): a base amount grown each year at c × the unit's realised tax growth (1∶c; 1∶0.3 in 1994)",
                "挂钩返还：基数金额每年按 c × 该街道实际税收增长率增长（1∶c；1994年为 1∶0.3）")),
            Explanation.Line(c.say("base tax 基数", "基数税收") + " T(α−1) = T(\(alpha - 1))", value: money.text(c.tax(in: alpha - 1))),
            Explanation.Line(
                c.say("base rebate", "基数返还") + " B = s × T(α−1) = \(c.number(share)) × \(money.text(c.tax(in: alpha - 1)))"
                    + c.say(" (linked.baseShare in force in α = \(alpha))", "（α = \(alpha) 时适用的 linked.baseShare）"),
                value: money.text(chain[0].amount)),
        ]
        for step in chain.dropFirst() {
            let coefficient = rule.coefficient[horizon.index(of: step.year)]
            let before = c.tax(in: step.year - 1)
            let growth = before == 0
                ? c.say("γ = 0 (T(\(step.year - 1)) = 0)", "γ = 0（T(\(step.year - 1)) = 0）")
                : "γ = T(\(step.year)) / T(\(step.year - 1)) − 1 = \(money.text(c.tax(in: step.year))) / \(money.text(before)) − 1 = \(c.percent(step.growth))"
            let factor = "max(0, 1 + \(c.number(coefficient)) × γ) = \(c.number(step.factor))"
            lines.append(Explanation.Line(
                c.say("\(step.year): \(growth); factor \(factor); chained factor \(c.number(step.chained)); ρ*(\(step.year))",
                    "\(step.year)年：\(growth)；系数 \(factor)；累乘系数 \(c.number(step.chained))；ρ*(\(step.year))"),
                value: money.text(step.amount)))
        }
        let row = c.row
        lines.append(Explanation.Line(
            c.say("statutory amount ρ*(\(c.year)) = B × chained factor (the cap and capacity never lower it: the recursion runs on ρ*)",
                "应返额 ρ*(\(c.year)) = B × 累乘系数（上限与承受能力不会压低它：递推基于 ρ*）"),
            value: money.text(chain.last!.amount)))
        lines.append(Explanation.Line(
            c.say("reference: the base tax T(α−1) (for comparison with increment sharing)", "返还基数：基数税收 T(α−1)（便于与增量返还比较）"),
            value: money.text(reference), cell: .unit("reference")))
        let increment = "max(0, \(money.text(row.tax)) − \(money.text(reference)))"
        lines.append(Explanation.Line(
            c.say("increment max(0, T − reference) = \(increment) (reported, not used by the rule)",
                "税收增量 max(0, T − 返还基数) = \(increment)（仅报告，本规则不使用）"),
            value: money.text(row.increment), cell: .unit("increment")))
        return lines
    }

    func unpaidLines(in context: ExplainContext) -> [Explanation.Line] {
        guard let amount = context.trace.linkedChain.last?.amount else { return [] }
        return [Explanation.Line(
            context.say("linked rule: the statutory amount ρ*(\(context.year)) keeps following the tax after the term (not paid)",
                "挂钩返还：返还期满后应返额 ρ*(\(context.year)) 仍随税收变化（不支付）"),
            value: context.money.text(amount))]
    }
}
