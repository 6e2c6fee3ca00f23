import FiscalModel

/// Increment sharing's derivation in `explain` (税收增量比例返还, model.md §6.1): the reference,
/// the increment above it and its marginal bands.
struct IncrementSharingExplanation: RebateRuleExplanation {
    /// The section title, also used when the scenario has no rebate.
    static func sectionTitle(_ language: WorkbookLanguage) -> String {
        language.pick("Tax-increment rebate 税收增量比例返还", "税收增量比例返还")
    }

    /// The compiled rule.
    let rule: CompiledIncrementSharing

    func title(_ language: WorkbookLanguage) -> String { Self.sectionTitle(language) }

    func incentiveRateName(in context: ExplainContext, alpha: Int) -> String { context.say("first-band rate", "第一档返还比例") }

    func lines(in context: ExplainContext, alpha: Int, reference: Double) -> [Explanation.Line] {
        let c = context
        let (year, y, money) = (c.year, c.y, c.money)
        var lines: [Explanation.Line] = []
        switch rule.reference {
        case .fixed:
            let start = c.trace.periodStart!
            let period = rule.rebaseEveryYears.map {
                c.say("rebased every \($0) years from α = \(alpha): the current period starts in \(start)", "自 α = \(alpha) 起每 \($0) 年重定基数：本期始于 \(start)年")
            } ?? "α = \(alpha)"
            lines.append(Explanation.Line(c.say("fixed base (基数): the tax of the year before the period, \(period)", "固定基数：本期前一年的税收，\(period)")))
            lines.append(Explanation.Line("T(\(start - 1))", value: money.text(c.tax(in: start - 1))))
            let horizon = c.scenario.horizon
            if (horizon.index(of: start)...y).contains(where: { rule.referenceGrowth[$0] != 0 }) {
                let index = (horizon.index(of: start)...y).reduce(1.0) { $0 * (1 + rule.referenceGrowth[$1]) }
                lines.append(Explanation.Line(c.say(
                    "indexed by referenceGrowth: × Π(1 + q) over \(start)–\(year) = × \(c.number(index))",
                    "按 referenceGrowth 指数化：\(start)–\(year)年 × Π(1 + q) = × \(c.number(index))")))
            }
        case .rolling:
            lines.append(Explanation.Line(c.say(
                "rolling reference: last year's tax T(\(year - 1)); only this year's new tax counts", "滚动基数：上年税收 T(\(year - 1))；只计本年新增的税收")))
        case .ratchet:
            let years = (alpha - 1)...(year - 1)
            let highest = years.max { c.tax(in: $0) < c.tax(in: $1) }!
            lines.append(Explanation.Line(c.say(
                "ratchet reference: the highest tax of \(years.lowerBound)–\(years.upperBound), reached in \(highest)",
                "棘轮基数：\(years.lowerBound)–\(years.upperBound)年的最高税收，出现在 \(highest)年")))
        }
        let row = c.row
        lines.append(Explanation.Line(c.say("reference", "返还基数") + " R(\(year))", value: money.text(reference), cell: .unit("reference")))
        lines.append(Explanation.Line(
            c.say("increment", "税收增量") + " I = max(0, T − R) = max(0, \(money.text(row.tax)) − \(money.text(reference)))",
            value: money.text(row.increment), cell: .unit("increment")))
        let schedule = rule.bands[y]
        var lower = 0.0
        for (j, portion) in schedule.portions(of: row.increment).enumerated() {
            let upper = j < schedule.upperBounds.count ? money.text(schedule.upperBounds[j]) : "∞"
            let product = "\(money.text(portion)) × \(c.number(schedule.rates[j]))"
            lines.append(Explanation.Line(
                c.say("band \(j + 1) (\(money.text(lower))–\(upper)) at \(c.percent(schedule.rates[j])): \(product)",
                    "第 \(j + 1) 档（\(money.text(lower))–\(upper)）按 \(c.percent(schedule.rates[j]))：\(product)"),
                value: money.text(portion * schedule.rates[j])))
            if j < schedule.upperBounds.count { lower = schedule.upperBounds[j] }
        }
        lines.append(Explanation.Line(c.say("statutory rebate (sum of the bands)", "应返额（各档之和）"), value: money.text(c.trace.statutoryRebate!)))
        return lines
    }

    func unpaidLines(in context: ExplainContext) -> [Explanation.Line] { [] }
}
