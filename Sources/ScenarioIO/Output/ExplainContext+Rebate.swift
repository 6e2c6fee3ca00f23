import FiscalModel

/// The rebate section of `explain` (返还): why the rebate does not apply, or the rule's own
/// derivation (one `RebateRuleExplanation` per rule), then the cap and district capacity.
extension ExplainContext {
    /// The explain builder of the scenario's rebate rule, `nil` without a rebate.
    var ruleExplanation: (any RebateRuleExplanation)? {
        switch compiled.rebate?.rule {
        case nil: nil
        case .increment(let rule): IncrementSharingExplanation(rule: rule)
        case .linked(let rule): LinkedRebateExplanation(rule: rule)
        }
    }

    func rebateSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        let rule = ruleExplanation
        let title = rule?.title ?? IncrementSharingExplanation.sectionTitle
        guard let rule, compiled.rebateApplies(to: i, in: year), let alpha = compiled.adoptionYear[i],
            let reference = row.reference
        else {
            let why: String
            if compiled.isCounterfactual {
                why = "counterfactual: no rebate"
            } else if compiled.rebate == nil {
                why = "the scenario has no rebate section"
            } else if !row.adopted {
                why = compiled.adoptionYear[i].map { "not adopted yet (adopts in \($0))" } ?? "the unit never adopts"
            } else if !compiled.rebateEligible[i] {
                let rule = policy.rebate?.eligibility
                let exclude = rule?.excludeTags.joined(separator: ", ") ?? ""
                let include = rule?.includeTags.map { "; includeTags: \($0.joined(separator: ", "))" } ?? ""
                why = "not eligible (rebate.eligibility excludeTags: \(exclude.isEmpty ? "none" : exclude)\(include); the unit's tags: \(base.tags.joined(separator: ", ")))"
            } else {
                let term = compiled.rebate?.termYears ?? 0
                why = "past the term: termYears \(term) covers \(compiled.adoptionYear[i]!)–\(compiled.adoptionYear[i]! + term - 1)"
            }
            lines.append(Explanation.Line("the rebate does not apply: \(why)"))
            if let rule, row.adopted, compiled.rebateEligible[i] { lines += rule.unpaidLines(in: self) }
            lines.append(Explanation.Line("reference (empty where the rebate does not apply)", value: "", cell: .unit("reference")))
            lines.append(Explanation.Line("increment", value: money.text(row.increment), cell: .unit("increment")))
            lines.append(Explanation.Line("rebate", value: money.text(row.rebate), cell: .unit("rebate")))
            return Explanation.Section(title: title, lines: lines)
        }
        lines = rule.lines(in: self, alpha: alpha, reference: reference)
        lines += payoutLines(statutory: trace.statutoryRebate!)
        return Explanation.Section(title: title, lines: lines)
    }

    /// The paid rebate from the statutory amount: `capPerUnit`, then district capacity.
    func payoutLines(statutory: Double) -> [Explanation.Line] {
        var lines: [Explanation.Line] = []
        var capped = statutory
        if let cap = compiled.rebate?.capPerUnit?[y] {
            capped = min(statutory, cap)
            lines.append(Explanation.Line("capPerUnit \(money.text(cap)): min(statutory, cap)", value: money.text(capped)))
        }
        let factor = districtRow.capacityFactor
        lines.append(Explanation.Line(capacityText(), value: ratio.text(factor), cell: .district("capacity_factor")))
        lines.append(Explanation.Line("rebate ρ = \(money.text(capped)) × φ", value: money.text(row.rebate), cell: .unit("rebate")))
        return lines
    }

    /// Why the district capacity factor is what it is.
    func capacityText() -> String {
        let D = compiled.districtCount
        let share = compiled.capacityShare[y * D + d]
        let amount = compiled.capacityAmount[y * D + d]
        guard share != nil || amount != nil else { return "capacity factor φ (the district has no capacity limit)" }
        var limits: [String] = []
        if let share { limits.append("\(percent(share)) of the district's tax \(money.text(districtRow.tax))") }
        if let amount { limits.append("\(money.text(amount))") }
        // The engine's rebates after the per-unit cap and before capacity, of the units where the
        // rebate applies.
        let total = compiled.unitsByDistrict[d].reduce(0.0) { sum, j in
            variant.units[j][y].reference == nil ? sum : sum + trace.rebatesBeforeCapacity[j]
        }
        return "capacity factor φ: district rebates before scaling \(money.text(total)) vs limit \(limits.joined(separator: " or ")) (财政承受能力; 1 = not binding)"
    }
}
