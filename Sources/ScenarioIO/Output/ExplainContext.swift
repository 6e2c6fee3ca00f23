import FiscalModel

/// Everything one explanation (推导说明) reads, and the section builders: the roll-out and the
/// tax here, the rebate in `ExplainContext+Rebate`, the other resources, need and gap in
/// `ExplainContext+Resources`. Every line is worded in `language` (`explain --lang zh`); the
/// figures are the same in both.
struct ExplainContext {
    let scenario: Scenario
    let variant: VariantResult
    let policy: Policy
    let compiled: CompiledPolicy
    let unit: Int
    let yearIndex: Int
    /// The engine's facts about this unit-year.
    let trace: UnitYearTrace
    let pools: RoundedPools
    let money: MoneyRounding
    let ratio: MoneyRounding
    /// The language of the words.
    let language: WorkbookLanguage

    var i: Int { unit }
    var y: Int { yearIndex }
    var n: Int { compiled.unitCount }
    var d: Int { compiled.districtOf[i] }
    var row: UnitYear { variant.units[i][y] }
    var districtRow: DistrictYear { variant.districts[d][y] }
    var year: Int { row.year }
    var base: FiscalUnit { scenario.units[i] }
    var zero: ScaledAmount { ScaledAmount(units: 0, precision: scenario.precision) }

    /// `english` or `chinese`, as the explanation's language asks.
    func say(_ english: String, _ chinese: String) -> String { language.pick(english, chinese) }

    /// T in `year` (the base-year tax for b).
    func tax(in year: Int) -> Double {
        year == scenario.horizon.baseYear ? base.tax : variant.units[i][scenario.horizon.index(of: year)].tax
    }

    /// A parameter, share or index: at most 6 decimals, trailing zeros dropped.
    func number(_ value: Double) -> String {
        var text = ratio.text(value)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A rate as a percentage.
    func percent(_ value: Double) -> String { number((value * 100 * 1e9).rounded() / 1e9) + " %" }

    /// Items listed in the language (`a, b` / `a、b`), `none` (无) when there are none.
    func list(_ items: [String]) -> String {
        items.isEmpty ? say("none", "无") : items.joined(separator: say(", ", "、"))
    }

    func explanation() -> Explanation {
        let district = scenario.districts[d]
        let display = VariantTitle.display(variant.name, language: language, titles: scenario.variantTitles)
        // A listed variant's title with the name `--variant` takes; 不改革 and 改革方案 alone.
        let builtIn = [Variant.counterfactualName, Variant.reformName].contains(variant.name)
        let shown = display == variant.name || builtIn ? display : "\(display)（\(variant.name)）"
        let title = say(
            "\(base.name) (\(base.id)), district \(district.name) (\(district.id)), year \(year), variant \(variant.name) — money in \(scenario.currency) \(scenario.moneyUnit)",
            "\(base.name)（\(base.id)），\(district.name)（\(district.id)），\(year)年，方案：\(shown)——金额单位：\(scenario.currency) \(scenario.moneyUnit)")
        var sections = [adoptionSection()] + waveSections() + [taxSection(), rebateSection(), incomeSection()]
        sections += compiled.fees.indices.map(feeSection)
        sections.append(donationSection())
        sections.append(needSection())
        sections.append(balanceSection())
        return Explanation(title: title, sections: sections, language: language)
    }

    // MARK: Sections

    private func adoptionSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        if compiled.isCounterfactual {
            lines.append(Explanation.Line(say(
                "counterfactual: nothing is ever adopted (no rebate, incentive, restructuring, fee transfer, task cost or donation allocation)",
                "不改革：任何街道都不实施（无返还、激励、企业改制、条费下拨、任务成本或募集资金分配）")))
        } else {
            let rule: String
            switch policy.rollout.rule(for: base) {
            case .byUnit: rule = "rollout.byUnit.\(base.id)"
            case .byTag(let tag): rule = "rollout.byTag.\(tag)" + say(" (first listed tag of the unit)", "（该街道所列的第一个标签）")
            case .defaultYear: rule = "rollout.default"
            case .firstProjectedYear: rule = say("no roll-out entry: the first projected year", "未设推行年份：预测首年")
            }
            if let wave = waveOfUnit {
                lines.append(Explanation.Line(compiled.adoptionYear[i].map {
                    say("adoption year α = \($0), decided by wave '\(wave)' (rollout.waves.\(wave), below)",
                        "实施年份 α = \($0)，由推开批次 \(wave) 决定（rollout.waves.\(wave)，见下）")
                } ?? say("not adopted: wave '\(wave)' did not adopt (rollout.waves.\(wave), below)",
                         "未实施：推开批次 \(wave) 未推开（rollout.waves.\(wave)，见下）")))
            } else if let alpha = compiled.adoptionYear[i] {
                let early = plannedYear().map {
                    $0 < alpha ? say(" (planned \($0); a year ≤ base means base+1)", "（计划 \($0)年；不晚于基年的年份按基年 + 1 计）") : ""
                } ?? ""
                lines.append(Explanation.Line(say("adoption year α = \(alpha), from \(rule)\(early)", "实施年份 α = \(alpha)，依据 \(rule)\(early)")))
            } else {
                lines.append(Explanation.Line(say("never adopts (\(rule))", "不实施（\(rule)）")))
            }
        }
        lines.append(Explanation.Line(
            say("adopted in \(year) (t ≥ α)", "\(year)年是否已实施（t ≥ α）"), value: row.adopted ? "true" : "false", cell: .unit("adopted")))
        lines.append(Explanation.Line(say("tags: ", "标签：") + list(base.tags)))
        return Explanation.Section(title: say("Roll-out 推行", "推行"), lines: lines)
    }

    /// The roll-out year as written for the unit, if one is written.
    private func plannedYear() -> Int? {
        if case .year(let year)? = policy.rollout.plannedYear(of: base) { return year }
        return nil
    }

    private func taxSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        let previousTax = tax(in: year - 1)
        let previousIncome = y == 0 ? base.enterpriseIncome : variant.units[i][y - 1].enterpriseIncome
        let adopted = row.adopted
        let divested = adopted ? previousIncome * compiled.exitRate[y] : 0
        let planned = compiled.plannedTax[y * n + i]
        if !planned.isNaN {
            lines.append(Explanation.Line(
                say("T(\(year)) is listed in the taxSeries file: no growth, incentive, shock or restructuring yield applies",
                    "T(\(year)) 取自 taxSeries 文件：不计增长、激励、随机冲击或企业改制带来的税收"),
                value: money.text(row.tax), cell: .unit("tax")))
        } else {
            let baseYear = y == 0 ? say(" (base year, units file)", "（基年，街道数据文件）") : ""
            lines.append(Explanation.Line(say("T(\(year - 1)), last year's tax", "T(\(year - 1))，上年税收") + baseYear, value: money.text(previousTax)))
            let source: String
            switch trace.growthSource {
            case .unitColumn: source = say("the unit's tax_growth column", "该街道的 tax_growth 列")
            case .tag(let tag): source = "growth.byTag.\(tag)"
            case .rate: source = "growth.tax"
            }
            let mu = compiled.baselineGrowth[y * n + i]
            let written = policy.taxGrowth.baseline(for: base, in: year)
            if mu != written {
                // A pilot judged by a wave (model.md §20): μ + p(t).
                lines.append(Explanation.Line(say(
                    "baseline growth μ = \(number(written)) (\(source)) + pilot effort \(number(mu - written)) while a wave judges the pilot (rollout.pilotEffort) = \(number(mu))",
                    "基准增长率 μ = \(number(written))（\(source)）+ 试点期间的额外努力 \(number(mu - written))（rollout.pilotEffort）= \(number(mu))")))
            } else {
                lines.append(Explanation.Line(say("baseline growth μ = \(number(mu)) (\(source))", "基准增长率 μ = \(number(mu))（\(source)）")))
            }
            var growth = mu
            if let rate = trace.incentiveRate, let alpha = compiled.adoptionYear[i] {
                let epsilon = compiled.elasticity[y]
                growth += epsilon * rate
                let name = ruleExplanation?.incentiveRateName(in: self, alpha: alpha) ?? ""
                let product = "\(number(epsilon)) × \(number(rate)) = \(number(epsilon * rate))"
                lines.append(Explanation.Line(say(
                    "incentive ε × \(name) = \(product) (协税护税 effort bought by the rebate)",
                    "激励 ε × \(name) = \(product)（返还带动的协税护税努力）")))
            } else {
                lines.append(Explanation.Line(say(
                    "incentive: none (the rebate does not apply to this unit-year)", "激励：无（该街道本年不适用返还）")))
            }
            lines.append(Explanation.Line(say(
                "growth g = \(number(growth)); no shock in a deterministic run", "增长率 g = \(number(growth))；确定性运行没有随机冲击")))
            if adopted {
                let income = "E(\(year - 1)) \(money.text(previousIncome))"
                lines.append(Explanation.Line(
                    say("divested enterprise income V = \(income) × exit rate \(number(compiled.exitRate[y]))",
                        "剥离的自办企业收入 V = \(income) × 退出率 \(number(compiled.exitRate[y]))"),
                    value: money.text(divested)))
                let product = "κ × V = \(number(compiled.taxYield[y])) × \(money.text(divested))"
                lines.append(Explanation.Line(
                    say("tax from divested enterprises \(product)", "剥离企业带来的税收 \(product)"),
                    value: money.text(compiled.taxYield[y] * divested)))
            } else {
                lines.append(Explanation.Line(say("not adopted: no restructuring (V = 0)", "未实施：无企业改制（V = 0）")))
            }
            let clamp = 1 + growth < 0 ? say(" (1 + g < 0 is clamped at 0)", "（1 + g < 0 时取 0）") : ""
            lines.append(Explanation.Line("T(\(year)) = T(\(year - 1)) × (1 + g) + κ × V\(clamp)", value: money.text(row.tax), cell: .unit("tax")))
        }
        let formula = "E(\(year)) = E(\(year - 1)) − V = \(money.text(previousIncome)) − \(money.text(divested))"
        lines.append(Explanation.Line(
            say("enterprise income ", "自办企业收入 ") + formula, value: money.text(row.enterpriseIncome), cell: .unit("enterprise_income")))
        return Explanation.Section(title: say("Tax 税收", "税收"), lines: lines)
    }
}
