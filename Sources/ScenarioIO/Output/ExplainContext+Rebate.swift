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
        let title = rule?.title(language) ?? IncrementSharingExplanation.sectionTitle(language)
        guard let rule, compiled.rebateApplies(to: i, in: year), let alpha = compiled.adoptionYear[i],
            let reference = row.reference
        else {
            let why: String
            if compiled.isCounterfactual {
                why = say("counterfactual: no rebate", "不改革：无返还")
            } else if compiled.rebate == nil {
                why = say("the scenario has no rebate section", "情景未设 rebate 部分")
            } else if !row.adopted {
                why = compiled.adoptionYear[i].map { say("not adopted yet (adopts in \($0))", "尚未实施（\($0)年实施）") }
                    ?? say("the unit never adopts", "该街道不实施")
            } else if !compiled.rebateEligible[i] {
                let rule = policy.rebate?.eligibility
                let exclude = list(rule?.excludeTags ?? [])
                let include = rule?.includeTags.map { say("; includeTags: ", "；includeTags：") + $0.joined(separator: say(", ", "、")) } ?? ""
                let tags = base.tags.joined(separator: say(", ", "、"))
                why = say(
                    "not eligible (rebate.eligibility excludeTags: \(exclude)\(include); the unit's tags: \(tags))",
                    "不符合条件（rebate.eligibility 的 excludeTags：\(exclude)\(include)；该街道的标签：\(tags)）")
            } else {
                let term = compiled.rebate?.termYears ?? 0
                let covered = "\(compiled.adoptionYear[i]!)–\(compiled.adoptionYear[i]! + term - 1)"
                why = say("past the term: termYears \(term) covers \(covered)", "已过返还期：termYears \(term) 覆盖 \(covered)年")
            }
            lines.append(Explanation.Line(say("the rebate does not apply: \(why)", "不适用返还：\(why)")))
            if let rule, row.adopted, compiled.rebateEligible[i] { lines += rule.unpaidLines(in: self) }
            lines.append(Explanation.Line(
                say("reference (empty where the rebate does not apply)", "返还基数（不适用返还时为空）"), value: "", cell: .unit("reference")))
            lines.append(Explanation.Line(say("increment", "税收增量"), value: money.text(row.increment), cell: .unit("increment")))
            lines.append(Explanation.Line(say("rebate", "增量返还"), value: money.text(row.rebate), cell: .unit("rebate")))
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
            lines.append(Explanation.Line(
                say("capPerUnit \(money.text(cap)): min(statutory, cap)", "capPerUnit \(money.text(cap))：min(应返额, 上限)"), value: money.text(capped)))
        }
        let factor = districtRow.capacityFactor
        lines.append(Explanation.Line(capacityText(), value: ratio.text(factor), cell: .district("capacity_factor")))
        lines.append(Explanation.Line(say("rebate", "增量返还") + " ρ = \(money.text(capped)) × φ", value: money.text(row.rebate), cell: .unit("rebate")))
        return lines
    }

    /// Why the district capacity factor is what it is.
    func capacityText() -> String {
        let D = compiled.districtCount
        let share = compiled.capacityShare[y * D + d]
        let amount = compiled.capacityAmount[y * D + d]
        guard share != nil || amount != nil else {
            return say("capacity factor φ (the district has no capacity limit)", "承受能力系数 φ（该区未设承受能力上限）")
        }
        var limits: [String] = []
        if let share {
            limits.append(say("\(percent(share)) of the district's tax \(money.text(districtRow.tax))", "区税收 \(money.text(districtRow.tax)) 的 \(percent(share))"))
        }
        if let amount { limits.append("\(money.text(amount))") }
        // The engine's rebates after the per-unit cap and before capacity, of the units where the
        // rebate applies.
        let total = compiled.unitsByDistrict[d].reduce(0.0) { sum, j in
            variant.units[j][y].reference == nil ? sum : sum + trace.rebatesBeforeCapacity[j]
        }
        return say(
            "capacity factor φ: district rebates before scaling \(money.text(total)) vs limit \(limits.joined(separator: " or ")) (财政承受能力; 1 = not binding)",
            "承受能力系数 φ：压缩前区内返还 \(money.text(total))，上限 \(limits.joined(separator: " 或 "))（财政承受能力；1 = 未触发）")
    }
}
