import FiscalModel

/// The `explain` builder of one rebate rule (返还规则的推导): the rule's own lines of the
/// rebate section, formatted from the engine's trace (`UnitYearTrace`); the shared lines (why
/// the rebate does not apply, the cap and district capacity) are `ExplainContext`'s.
protocol RebateRuleExplanation {
    /// The rebate section's title.
    var title: String { get }
    /// How the incentive term names the rule's statutory rate r(t) for the explained unit,
    /// which adopted in `alpha`.
    func incentiveRateName(in context: ExplainContext, alpha: Int) -> String
    /// The rule's lines for a unit-year where the rebate applies, up to the statutory amount.
    func lines(in context: ExplainContext, alpha: Int, reference: Double) -> [Explanation.Line]
    /// Lines for an adopted, eligible unit-year where the rebate no longer applies (past the term).
    func unpaidLines(in context: ExplainContext) -> [Explanation.Line]
}
