import FiscalModel
import Yams

/// `rebate`: what every rule shares (term, cap, eligibility), `rebate.rule` and the dispatch to
/// the rule's own decoder function (`incrementSharing`, `linkedRebate`).
extension PolicyDecoder {
    mutating func rebate(_ node: Node) -> RebatePolicy? {
        guard let fields = reader.fields(node, path: "rebate", allowed: ScenarioKeys.rebate) else { return nil }
        let name = rebateRule(fields)
        let term = fields["termYears"].flatMap { reader.integer($0, path: "rebate.termYears", minimum: 1) }
        let cap = fields["capPerUnit"].flatMap { reader.step($0, path: "rebate.capPerUnit", range: .nonNegative) }
        let eligibility = eligibility(fields["eligibility"], path: "rebate.eligibility", default: .rebateDefault)
        guard let name else { return nil }
        rejectOtherRulesKeys(in: fields, rule: name)
        let rule: RebateRule?
        switch name {
        case .increment: rule = .increment(incrementSharing(fields))
        case .linked: rule = linkedRebate(fields).map(RebateRule.linked)
        }
        guard let rule else { return nil }
        return RebatePolicy(rule: rule, termYears: term, capPerUnit: cap, eligibility: eligibility)
    }

    /// `rebate.rule`: `increment` (the default, model.md §6.1) or `linked` (§14); `nil` (reported)
    /// for anything else, so that no rule's keys are checked against a misspelt rule.
    private func rebateRule(_ fields: NodeReader.Fields) -> RebateRule.Name? {
        guard let value = fields["rule"] else { return .increment }
        guard let name = reader.text(value, path: "rebate.rule") else { return nil }
        if let rule = RebateRule.Name(rawValue: name) { return rule }
        let names = RebateRule.Name.allCases.map(\.rawValue)
        reader.error(value, "rebate.rule: '\(name)' is not a rebate rule\(Suggestion.hint(for: name, in: names)); use increment (share the tax above a reference) or linked (a base amount grown at a coefficient of tax growth, the 1:0.3 rule)")
        return nil
    }

    /// Reports every key that belongs to another rule than `rule` (model.md §14).
    private func rejectOtherRulesKeys(in fields: NodeReader.Fields, rule: RebateRule.Name) {
        let others = RebateRule.Name.allCases.filter { $0 != rule }
        for entry in fields.entries {
            guard let owner = others.first(where: { ScenarioKeys.rebateKeys(of: $0).contains(entry.key) }) else { continue }
            reader.error(entry.keyNode, "rebate.\(entry.key) belongs to rule: \(owner.rawValue), not to rule: \(rule.rawValue); remove it, or set rebate.rule: \(owner.rawValue)")
        }
    }
}
