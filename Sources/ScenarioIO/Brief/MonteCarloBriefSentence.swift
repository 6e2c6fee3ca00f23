import FiscalModel

/// The brief of a Monte Carlo run as a sentence (model.md §22), per reported variant and district:
/// "reform effect 2026–2035: mean +20,650.92 (90 % of paths between +12,509.51 and
/// +28,469.59); total negative on 0.0 % of paths; a loss year on 99.0 %; capacity binds on
/// 71.0 %; worst year most often 2028; 4.2 streets with a gap in 2035 on average".
public struct MonteCarloBriefSentence: Sendable {
    /// The language.
    public let language: WorkbookLanguage
    let firstYear: Int, endYear: Int
    let money: MoneyRounding

    /// Sentences in `language` for a run of `scenario`.
    public init(language: WorkbookLanguage, scenario: Scenario) {
        self.language = language
        firstYear = scenario.horizon.firstYear
        endYear = scenario.horizon.endYear
        money = scenario.moneyRounding
    }

    private func pick(_ english: String, _ chinese: String) -> String { language.pick(english, chinese) }

    /// The sentence of one row's per-path values.
    public func sentence(_ row: PathBrief.Row) -> String {
        let total = PathSummary(row.total)
        let paths = Double(row.total.count)
        func share(_ flags: [Bool]) -> String {
            MoneyText.percent(Double(flags.filter { $0 }.count) / paths).replacingOccurrences(of: "+", with: "")
        }
        var counts: [Int: Int] = [:]
        for year in row.worstYear { counts[year, default: 0] += 1 }
        let worst = firstYear + (counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0)
        let gaps = MoneyRounding(precision: 1, rule: .halfUp).text(Double(row.unitsWithGap.reduce(0, +)) / paths)
        let (mean, low, high) = (signed(total.mean), signed(total.p05), signed(total.p95))
        let negative = share(row.total.map { $0 < 0 }), loss = share(row.anyLoss), binding = share(row.binding)
        return pick(
            "reform effect \(firstYear)–\(endYear): mean \(mean) (90 % of paths between \(low) and \(high)); total negative on \(negative) of paths; a loss year on \(loss); capacity binds on \(binding); worst year most often \(worst); \(gaps) streets with a gap in \(endYear) on average",
            "改革效应 \(firstYear)–\(endYear)年：均值 \(mean)（90%路径介于 \(low) 与 \(high)）；合计为负的路径占 \(negative)；出现减收年份的路径占 \(loss)；承受能力约束触发的路径占 \(binding)；最常见的最差年份 \(worst)年；\(endYear)年平均 \(gaps) 个街道有缺口")
    }

    private func signed(_ value: Double) -> String { MoneyText.signed(money.round(value)) }
}
