import FiscalModel

/// The brief (简报, model.md §22) as the sentence a planner reads first — on the console and on the
/// workbook's Brief sheet — in English or Chinese:
/// "reform effect 2026–2035: +20,147.10 (present value +20,147.10); loss in 2026–2031, worst
/// 2030: −3,522.13 (−1.96 % of revenue); pays back from 2034; capacity binds in 2030, 2031,
/// 2033, 2034 (lowest factor 0.629); no street with a gap in 2035".
public struct BriefSentence: Sendable {
    /// The language.
    public let language: WorkbookLanguage
    /// The projected years.
    let firstYear: Int, endYear: Int
    /// Variant and fee-category titles.
    let variantTitles: [String: String], feeTitles: [String: String]

    /// Sentences in `language` for a run of `scenario`.
    public init(language: WorkbookLanguage, scenario: Scenario) {
        self.language = language
        firstYear = scenario.horizon.firstYear
        endYear = scenario.horizon.endYear
        variantTitles = scenario.variantTitles
        feeTitles = scenario.feeTitles
    }

    private func pick(_ english: String, _ chinese: String) -> String { language.pick(english, chinese) }

    /// The heading of `row`: variant and district as a person names them.
    public func heading(_ row: BriefRow) -> String { Self.heading(row, language: language, titles: variantTitles) }

    /// The heading of `row` in `language` (`titles`: the variants' titles).
    public static func heading(_ row: BriefRow, language: WorkbookLanguage, titles: [String: String] = [:]) -> String {
        let district = row.district == DeterministicBrief.allDistricts ? language.pick("all districts", "全区合计") : row.districtName
        return "\(VariantTitle.display(row.variant, language: language, titles: titles)) · \(district)"
    }

    /// The parts of the sentence of `row`, in reading order.
    public func parts(_ row: BriefRow) -> [String] {
        let total = MoneyText.signed(row.reformEffectTotal), present = MoneyText.signed(row.presentValue)
        return [
            pick("reform effect \(firstYear)–\(endYear): \(total) (present value \(present))",
                 "改革效应 \(firstYear)–\(endYear)年：\(total)（现值 \(present)）"),
            losses(row),
            row.paybackYear.map { pick("pays back from \($0)", "\($0)年起累计回正") }
                ?? pick("does not pay back by \(endYear)", "至\(endYear)年未能累计回正"),
            binding(row),
            gaps(row),
        ]
    }

    /// Loss years, the worst one and its share of revenue.
    private func losses(_ row: BriefRow) -> String {
        guard !row.lossYears.isEmpty else { return pick("no loss year", "无减收年份") }
        let share = row.worstShareOfRevenue.map { MoneyText.percent($0) }
        let worst = MoneyText.signed(row.worstReformEffect), years = YearList.text(row.lossYears, language)
        return pick(
            "loss in \(years), worst \(row.worstYear): \(worst)" + (share.map { " (\($0) of revenue)" } ?? ""),
            "\(years)年减收，最差 \(row.worstYear)年：\(worst)" + (share.map { "（占当年收入 \($0)）" } ?? ""))
    }

    /// The years the capacity limit binds and the lowest factor.
    private func binding(_ row: BriefRow) -> String {
        guard !row.capacityBindingYears.isEmpty else { return pick("capacity never binds", "承受能力约束未触发") }
        let factor = MoneyRounding(precision: 3, rule: .halfUp).text(row.minCapacityFactor)
        let years = YearList.text(row.capacityBindingYears, language)
        return pick("capacity binds in \(years) (lowest factor \(factor))", "承受能力约束于 \(years)年触发（最低系数 \(factor)）")
    }

    /// The streets a sentence names when it cuts a list; `brief.csv` lists them all.
    static let namedStreets = 10

    /// How many of `count` streets a sentence names: all of them, unless that would leave out
    /// three or more beyond `namedStreets` ("and 1 more" would save nothing).
    static func named(of count: Int) -> Int { count <= namedStreets + 2 ? count : namedStreets }

    /// The streets with a gap in the last year, by name with their gaps: all of them, or when the
    /// list is cut (`named(of:)`) the largest gaps (in file order) and how many more.
    private func gaps(_ row: BriefRow) -> String {
        guard !row.gapUnits.isEmpty else { return pick("no street with a gap in \(endYear)", "\(endYear)年无街道存在缺口") }
        let units = row.gapUnits
        let largest = Set(units.indices.sorted { (units[$0].gap, $0) < (units[$1].gap, $1) }.prefix(Self.named(of: units.count)))
        let named = units.indices.filter(largest.contains).map { units[$0] }
        let names = named.map { $0.name + pick(" (", "（") + MoneyText.signed($0.gap) + pick(")", "）") }
            .joined(separator: pick(", ", "、")) + more(units.count - named.count, largest: true)
        let count = row.unitsWithGap
        return pick("\(count) street\(count == 1 ? "" : "s") with a gap in \(endYear): \(names)", "\(endYear)年有缺口的街道 \(count) 个：\(names)")
    }

    /// "… and N more streets (all in brief.csv)" after a cut list, nothing when
    /// `count` ≤ 0; `largest`: the list named the largest gaps.
    private func more(_ count: Int, largest: Bool) -> String {
        guard count > 0 else { return "" }
        return pick(
            "\(largest ? " (the largest)" : "") and \(count) more street\(count == 1 ? "" : "s") (all in brief.csv)",
            "\(largest ? "（缺口最大者）" : "")等，另有 \(count) 个街道（完整名单见 brief.csv）")
    }

    /// The whole sentence of `row`.
    public func sentence(_ row: BriefRow) -> String { parts(row).joined(separator: pick("; ", "；")) }

    /// The uncovered tasks of `row` grouped by street, or `nil` when every task is covered.
    public func uncoveredTasks(_ row: BriefRow) -> String? {
        guard !row.uncoveredTasks.isEmpty else { return nil }
        var streets: [(String, [String])] = []
        for pair in row.uncoveredTasks {
            let colon = pair.lastIndex(of: ":") ?? pair.endIndex
            let category = colon < pair.endIndex ? String(pair[pair.index(after: colon)...]) : ""
            let split = [String(pair[..<colon]), feeTitles[category] ?? category]
            if let last = streets.indices.last, streets[last].0 == split[0] {
                streets[last].1.append(split[1])
            } else {
                streets.append((split[0], [split[1]]))
            }
        }
        let shown = Self.named(of: streets.count)
        let list = streets.prefix(shown)
            .map { $0.0 + pick(" (", "（") + $0.1.joined(separator: pick(", ", "、")) + pick(")", "）") }
            .joined(separator: pick("; ", "；")) + more(streets.count - shown, largest: false)
        return pick("fee coverage below 1 in \(endYear): \(list)", "\(endYear)年条费未覆盖任务成本：\(list)")
    }
}
