import FiscalModel

/// The linked rule's derivation in `explain` (挂钩返还, SPEC §14): the base tax and base share,
/// each year's realised growth and factor, the chained factor, the statutory amount, then the
/// cap and district capacity — recomputed from the run's own unrounded taxes in the engine's
/// order, so the statutory amount is the engine's to the last bit.
extension ExplainContext {
    /// One link of the statutory amount's recursion.
    struct LinkedStep {
        /// The year u.
        var year: Int
        /// γ(u) = T(u)/T(u−1) − 1 (0 when T(u−1) = 0).
        var growth: Double
        /// max(0, 1 + c(u)·γ(u)).
        var factor: Double
        /// The product of the factors from α to u.
        var chained: Double
        /// ρ*(u).
        var amount: Double
    }

    /// T of unit `j` in `year` (the units file's for the base year).
    func tax(of j: Int, in year: Int) -> Double {
        year == scenario.horizon.baseYear ? scenario.units[j].tax : variant.units[j][scenario.horizon.index(of: year)].tax
    }

    /// ρ*(α−1) … ρ*(t) of unit `j` up to this explanation's year; the first entry is the base
    /// rebate B = s·T(α−1). The unit must have adopted by then.
    func linkedChain(of j: Int) -> [LinkedStep] {
        let horizon = scenario.horizon
        guard let linked = compiled.rebate?.linked, let alpha = compiled.adoptionYear[j] else { return [] }
        var amount = linked.baseShare[horizon.index(of: alpha)] * tax(of: j, in: alpha - 1)
        var chained = 1.0
        var steps = [LinkedStep(year: alpha - 1, growth: 0, factor: 1, chained: 1, amount: amount)]
        guard year >= alpha else { return steps }
        for u in alpha...year {
            let previous = tax(of: j, in: u - 1)
            let current = tax(of: j, in: u)
            let factor = LinkedRebate.growthFactor(
                previousTax: previous, tax: current, coefficient: linked.coefficient[horizon.index(of: u)])
            amount *= factor
            chained *= factor
            steps.append(LinkedStep(
                year: u, growth: previous == 0 ? 0 : current / previous - 1, factor: factor, chained: chained, amount: amount))
        }
        return steps
    }

    /// The linked rule's lines for a unit-year where the rebate applies.
    func linkedLines(_ linked: CompiledLinkedRebate, alpha: Int, reference: Double) -> [Explanation.Line] {
        let horizon = scenario.horizon
        let share = linked.baseShare[horizon.index(of: alpha)]
        let chain = linkedChain(of: i)
        var lines = [
            Explanation.Line("linked rule (挂钩返还): a base amount grown each year at c × the unit's realised tax growth (1∶c; 1∶0.3 in 1994)"),
            Explanation.Line("base tax 基数 T(α−1) = T(\(alpha - 1))", value: money.text(tax(in: alpha - 1))),
            Explanation.Line("base rebate B = s × T(α−1) = \(number(share)) × \(money.text(tax(in: alpha - 1))) (linked.baseShare in force in α = \(alpha))", value: money.text(chain[0].amount)),
        ]
        for step in chain.dropFirst() {
            let c = linked.coefficient[horizon.index(of: step.year)]
            let before = tax(in: step.year - 1)
            let growth = before == 0
                ? "γ = 0 (T(\(step.year - 1)) = 0)"
                : "γ = T(\(step.year)) / T(\(step.year - 1)) − 1 = \(money.text(tax(in: step.year))) / \(money.text(before)) − 1 = \(percent(step.growth))"
            lines.append(Explanation.Line(
                "\(step.year): \(growth); factor max(0, 1 + \(number(c)) × γ) = \(number(step.factor)); chained factor \(number(step.chained)); ρ*(\(step.year))",
                value: money.text(step.amount)))
        }
        let statutory = chain.last!.amount
        lines.append(Explanation.Line("statutory amount ρ*(\(year)) = B × chained factor (the cap and capacity never lower it: the recursion runs on ρ*)", value: money.text(statutory)))
        lines.append(Explanation.Line("reference: the base tax T(α−1) (for comparison with increment sharing)", value: money.text(reference), cell: .unit("reference")))
        lines.append(Explanation.Line("increment max(0, T − reference) = max(0, \(money.text(row.tax)) − \(money.text(reference))) (reported, not used by the rule)", value: money.text(row.increment), cell: .unit("increment")))
        return lines + payoutLines(statutory: statutory, rebate: compiled.rebate!)
    }
}
