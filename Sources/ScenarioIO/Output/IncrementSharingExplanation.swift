import FiscalModel

/// Increment sharing's derivation in `explain` (税收增量比例返还, SPEC §6.1): the reference,
/// the increment above it and its marginal bands.
struct IncrementSharingExplanation: RebateRuleExplanation {
    /// The section title, also used when the scenario has no rebate.
    static let sectionTitle = "Tax-increment rebate 税收增量比例返还"

    /// The compiled rule.
    let rule: CompiledIncrementSharing

    var title: String { Self.sectionTitle }

    func incentiveRateName(in context: ExplainContext, alpha: Int) -> String { "first-band rate" }

    func lines(in context: ExplainContext, alpha: Int, reference: Double) -> [Explanation.Line] {
        let c = context
        let (year, y, money) = (c.year, c.y, c.money)
        var lines: [Explanation.Line] = []
        switch rule.reference {
        case .fixed:
            let start = c.trace.periodStart!
            let period = rule.rebaseEveryYears.map { "rebased every \($0) years from α = \(alpha): the current period starts in \(start)" } ?? "α = \(alpha)"
            lines.append(Explanation.Line("fixed base (基数): the tax of the year before the period, \(period)"))
            lines.append(Explanation.Line("T(\(start - 1))", value: money.text(c.tax(in: start - 1))))
            let horizon = c.scenario.horizon
            if (horizon.index(of: start)...y).contains(where: { rule.referenceGrowth[$0] != 0 }) {
                let index = (horizon.index(of: start)...y).reduce(1.0) { $0 * (1 + rule.referenceGrowth[$1]) }
                lines.append(Explanation.Line("indexed by referenceGrowth: × Π(1 + q) over \(start)–\(year) = × \(c.number(index))"))
            }
        case .rolling:
            lines.append(Explanation.Line("rolling reference: last year's tax T(\(year - 1)); only this year's new tax counts"))
        case .ratchet:
            let years = (alpha - 1)...(year - 1)
            let highest = years.max { c.tax(in: $0) < c.tax(in: $1) }!
            lines.append(Explanation.Line("ratchet reference: the highest tax of \(years.lowerBound)–\(years.upperBound), reached in \(highest)"))
        }
        let row = c.row
        lines.append(Explanation.Line("reference R(\(year))", value: money.text(reference), cell: .unit("reference")))
        lines.append(Explanation.Line("increment I = max(0, T − R) = max(0, \(money.text(row.tax)) − \(money.text(reference)))", value: money.text(row.increment), cell: .unit("increment")))
        let schedule = rule.bands[y]
        var lower = 0.0
        for (j, portion) in schedule.portions(of: row.increment).enumerated() {
            let upper = j < schedule.upperBounds.count ? money.text(schedule.upperBounds[j]) : "∞"
            lines.append(Explanation.Line("band \(j + 1) (\(money.text(lower))–\(upper)) at \(c.percent(schedule.rates[j])): \(money.text(portion)) × \(c.number(schedule.rates[j]))", value: money.text(portion * schedule.rates[j])))
            if j < schedule.upperBounds.count { lower = schedule.upperBounds[j] }
        }
        lines.append(Explanation.Line("statutory rebate (sum of the bands)", value: money.text(c.trace.statutoryRebate!)))
        return lines
    }

    func unpaidLines(in context: ExplainContext) -> [Explanation.Line] { [] }
}
