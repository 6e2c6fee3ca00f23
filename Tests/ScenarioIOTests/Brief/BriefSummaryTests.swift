import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21: the console opens with the brief, in the `--lang` language, and its reform
/// effect is the headline's "vs counterfactual".
@Suite("The printed brief")
struct BriefSummaryTests {
    @Test func chineseBriefOfSimingReadsAsWritten() throws {
        let (scenario, result, _) = try BriefTests.siming()
        let lines = BriefSummary.text(scenario: scenario, result: result, language: .chinese).split(separator: "\n").map(String.init)
        #expect(lines[0] == "siming-pilot：简报（brief.csv），CNY 万元；改革效应为负即区级财政承受额外压力")
        #expect(lines[1] == "改革方案 · 思明区：改革效应 2026–2035年：+20,147.10（现值 +20,147.10）；2026–2031年减收，最差 2030年：−3,522.13（占当年收入 −1.96 %）；2034年起累计回正；承受能力约束于 2030、2031、2033、2034年触发（最低系数 0.629）；2035年无街道存在缺口")
        let fast = try #require(lines.first { $0.hasPrefix("fast-rollout · 思明区：") })
        #expect(fast.hasSuffix("；2035年有缺口的街道 1 个：鼓浪屿（−208.41）"))
        #expect(!lines.contains { $0.contains("不改革") }, "the counterfactual has no brief")
        #expect(!lines.contains { $0.contains("全区合计") }, "one district: no all row printed")
    }

    @Test func englishBriefFollowsTheSpecSentence() throws {
        let (scenario, result, _) = try BriefTests.siming()
        let text = BriefSummary.text(scenario: scenario, result: result, language: .english)
        #expect(text.contains("reform · 思明区: reform effect 2026–2035: +20,147.10 (present value +20,147.10); loss in 2026–2031, worst 2030: −3,522.13 (−1.96 % of revenue); pays back from 2034; capacity binds in 2030, 2031, 2033, 2034 (lowest factor 0.629); no street with a gap in 2035"))
        #expect(text.contains("1 street with a gap in 2035: 鼓浪屿 (−208.41)"))
    }

    /// A long list is cut for the reader (interpretations T10): beyond twelve streets, the ten
    /// largest gaps in file order and how many more; up to twelve, every one; brief.csv keeps all.
    @Test func aLongListOfStreetsNamesTheLargestGapsAndCountsTheRest() throws {
        let (scenario, _, rows) = try BriefTests.siming()
        var row = try #require(rows.first)
        // Thirteen streets, S1 … S13 with gaps −1.00 … −13.00: the ten largest are S4 … S13.
        row.gapUnits = (1...13).map { BriefRow.GapUnit(name: "S\($0)", gap: ScaledAmount(units: Int128(-100 * $0), precision: 2)) }
        row.uncoveredTasks = (1...14).map { "S\($0):x-fee" }
        let english = BriefSentence(language: .english, scenario: scenario)
        let named = (4...13).map { "S\($0) (−\($0).00)" }.joined(separator: ", ")
        #expect(english.sentence(row).hasSuffix(
            "13 streets with a gap in 2035: \(named) (the largest) and 3 more streets (all in brief.csv)"))
        let tasks = (1...10).map { "S\($0) (x-fee)" }.joined(separator: "; ")
        #expect(english.uncoveredTasks(row) == "fee coverage below 1 in 2035: \(tasks) and 4 more streets (all in brief.csv)")
        let chinese = BriefSentence(language: .chinese, scenario: scenario)
        #expect(chinese.sentence(row).hasSuffix("（缺口最大者）等，另有 3 个街道（完整名单见 brief.csv）"))
        // Twelve streets: every one named, in file order, nothing more ("and 2 more" saves little).
        row.gapUnits = Array(row.gapUnits.prefix(12))
        row.uncoveredTasks = Array(row.uncoveredTasks.prefix(12))
        let all = (1...12).map { "S\($0) (−\($0).00)" }.joined(separator: ", ")
        #expect(english.sentence(row).hasSuffix("12 streets with a gap in 2035: \(all)"))
        let allTasks = (1...12).map { "S\($0) (x-fee)" }.joined(separator: "; ")
        #expect(english.uncoveredTasks(row) == "fee coverage below 1 in 2035: \(allTasks)")
    }

    /// Every variant's printed reform effect (totals), the headline's "vs counterfactual" and
    /// the brief's total are one number.
    @Test func headlineVersusCounterfactualIsTheBriefsReformEffect() throws {
        let (scenario, result, rows) = try BriefTests.siming()
        let totals = RunSummary.totals(scenario: scenario, result: result)
        let headline = RunSummary.headline(scenario: scenario, result: result)
        let effect = totals.columns.firstIndex { $0.english == "reform effect" }!
        let versus = headline.columns.firstIndex { $0.english == "vs counterfactual" }!
        for (v, variant) in result.variants.enumerated() {
            let printed = totals.rows[v][effect].text
            #expect(headline.rows[v][versus].text == printed, "\(variant.name)")
            if let row = rows.first(where: { $0.variant == variant.name }) {
                #expect(row.reformEffectTotal.text == printed, "\(variant.name)")
            }
        }
        #expect(headline.rows[1][versus].text == "20147.10")
    }

    @Test func yearListsAndMoneyReadAsAPersonWritesThem() {
        #expect(YearList.text([2026, 2027, 2028, 2029, 2030, 2031], .english) == "2026–2031")
        #expect(YearList.text([2030, 2031, 2033, 2034], .english) == "2030, 2031, 2033, 2034")
        #expect(YearList.text([2026, 2029, 2030, 2031], .chinese) == "2026、2029–2031")
        #expect(MoneyText.signed(ScaledAmount(units: -352213, precision: 2)) == "−3,522.13")
        #expect(MoneyText.signed(ScaledAmount(units: 123456789, precision: 2)) == "+1,234,567.89")
        #expect(MoneyText.signed(ScaledAmount(units: 0, precision: 2)) == "0.00")
        #expect(MoneyText.percent(-0.019575) == "−1.96 %")
    }
}

/// model.md §22: `title:` on variants and fee categories is what people read; ids stay in the CSVs.
@Suite("Display titles of variants and fee categories")
struct DisplayTitleTests {
    static func scenario(variantTitle: String, feeTitle: String) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        var text = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  - name: rebate-50\n", with: "  - name: rebate-50\n    title: \(variantTitle)\n")
        text = text.replacingOccurrences(of: "  - id: greening\n", with: "  - id: greening\n    title: \(feeTitle)\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.path("scenarios/data/siming-streets.csv"), toPath: folder.path("data/siming-streets.csv"))
        return (folder, try folder.write("s.yaml", text))
    }

    @Test func titlesNameVariantsAndFeesWherePeopleReadThem() throws {
        let (folder, path) = try Self.scenario(variantTitle: "返还比例50%", feeTitle: "绿化")
        let loaded = try #require(loadScenario(path))
        _ = folder
        #expect(loaded.scenario.variantTitles == ["rebate-50": "返还比例50%"])
        #expect(loaded.scenario.feeTitles == ["greening": "绿化"])
        let result = try Simulation(loaded.scenario).runDeterministic().checked()
        let text = BriefSummary.text(scenario: loaded.scenario, result: result, language: .chinese)
        #expect(text.contains("\n返还比例50% · 思明区："))
        #expect(text.contains("厦港（绿化、security）"))
        let totals = RunSummary.totals(scenario: loaded.scenario, result: result)
        #expect(totals.rows.map { $0[0].text }.contains("返还比例50%"))
        // The CSVs keep the ids.
        let brief = BriefTable.csv(DeterministicBrief.rows(scenario: loaded.scenario, result: result), scenario: loaded.scenario)
        #expect(brief.contains("\nrebate-50,siming,") && brief.contains("厦港:greening") && !brief.contains("绿化"))
    }

    @Test func aTitleMustBeText() throws {
        let (folder, path) = try Self.scenario(variantTitle: "[a, b]", feeTitle: "绿化")
        _ = folder
        let errors = loadErrors(path)
        #expect(errors.contains { $0.message.contains("variants[0].title") && $0.line != nil }, "\(errors)")
    }
}

@Suite("Lever labels in sweep workbooks")
struct LeverLabelTests {
    @Test func leversReadAsAPlannerNamesThem() {
        #expect(LeverLabel.text("rebate.bands.0.rate", language: .english) == "rebate rate, band 1")
        #expect(LeverLabel.text("rebate.bands.1.upTo", language: .chinese) == "第2档上限")
        #expect(LeverLabel.text("rebate.termYears", language: .chinese) == "返还年限")
        #expect(LeverLabel.text("lineFees.greening.transferShare", language: .chinese) == "greening条费下拨比例")
        #expect(LeverLabel.text("districts.0.capacity.maxShareOfRevenue", language: .english) == "capacity limit (share of revenue)")
        #expect(LeverLabel.text("needs.0.unitCost", language: .english) == "needs.0.unitCost")
    }
}
