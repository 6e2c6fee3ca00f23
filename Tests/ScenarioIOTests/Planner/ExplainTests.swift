import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// `fiscal-sim explain`: every figure that names an output cell equals that cell, for every
/// unit-year of every variant of both shipped scenarios.
@Suite struct ExplainTests {
    static let shipped = ["scenarios/siming-pilot.yaml", "scenarios/pilot-districts.yaml", "scenarios/siming-rollout.yaml"]

    @Test(arguments: shipped)
    func everyFigureEqualsItsOutputCell(_ relative: String) throws {
        let loaded = try ScenarioLoader().load(Repository.path(relative))
        let scenario = loaded.scenario
        let result = Simulation(scenario).runDeterministic()
        let tables = ResultTables(scenario: scenario, result: result)
        let units = try OutputTable(tables.unitsCSV(), keyColumns: ["variant", "unit", "year"])
        let districts = try OutputTable(tables.districtsCSV(), keyColumns: ["variant", "district", "year"])
        let explainer = UnitYearExplainer(scenario: scenario, result: result)
        var checked = 0
        var unitColumnsSeen = Set<String>()
        for variant in result.variants {
            for unit in scenario.units {
                for year in scenario.horizon.years {
                    let explanation = try explainer.explain(unit: unit.id, year: year, variant: variant.name)
                    let district = scenario.districts[unit.districtIndex].id
                    for line in explanation.figures {
                        let cell = try #require(line.cell)
                        let expected = cell.file == "units.csv"
                            ? units.cell("\(variant.name)|\(unit.id)|\(year)", cell.column)
                            : districts.cell("\(variant.name)|\(district)|\(year)", cell.column)
                        #expect(
                            line.value == expected,
                            "\(relative) \(variant.name) \(unit.id) \(year): \(cell) printed \(line.value ?? "nil"), CSV has \(expected ?? "no such cell")")
                        if cell.file == "units.csv" { unitColumnsSeen.insert(cell.column) }
                        checked += 1
                    }
                }
            }
        }
        // Every money and ratio column of units.csv is explained somewhere.
        let explainable = Set(units.header).subtracting(["variant", "district", "unit", "year", "unit_name"])
        #expect(explainable.subtracting(unitColumnsSeen).isEmpty, "columns never explained: \(explainable.subtracting(unitColumnsSeen).sorted())")
        #expect(checked > result.variants.count * scenario.units.count * scenario.horizon.count * 10)
    }

    /// A one-unit scenario worked by hand: T(b) = 1000, growth 10 %, fixed base, bands
    /// 30 % up to 50 and 50 % above, capacity limit 10 % of tax.
    @Test func bandsAndCapacityWorkedByHand() throws {
        let folder = try TemporaryFolder()
        try folder.write("units.csv", "id,district,tax,allocation\na,d,1000,100\n")
        let path = try folder.write("s.yaml", """
            name: hand
            years: {base: 2025, end: 2027}
            units: units.csv
            districts: [{id: d, capacity: {maxShareOfRevenue: 0.01}}]
            growth: {tax: 0.1}
            rebate: {bands: [{upTo: 50, rate: 0.3}, {rate: 0.5}]}
            """)
        let scenario = try ScenarioLoader().load(path).scenario
        let result = Simulation(scenario).runDeterministic()
        let explanation = try UnitYearExplainer(scenario: scenario, result: result).explain(unit: "a", year: 2027)
        let values = Dictionary(explanation.figures.map { ($0.cell!.column, $0.value!) }, uniquingKeysWith: { a, _ in a })
        // T(2027) = 1000 × 1.1² = 1210; R = T(2025) = 1000; I = 210.
        #expect(values["tax"] == "1210.00")
        #expect(values["reference"] == "1000.00")
        #expect(values["increment"] == "210.00")
        // Statutory: 0.3 × 50 + 0.5 × 160 = 95; limit 1 % × 1210 = 12.1; φ = 12.1 / 95.
        #expect(values["capacity_factor"] == "0.127368")
        #expect(values["rebate"] == "12.10")
        let bandLines = explanation.sections.flatMap(\.lines).filter { $0.text.hasPrefix("band ") }.map(\.value)
        #expect(bandLines == ["15.00", "80.00"])
    }

    /// The linked rule (model.md §14) by hand: T(b) = 1000, planned 1200 then 900, adoption 2026,
    /// s = 0.5, c = 0.5, capacity 60 % of tax (not binding); term 2 years, so 2028 is past it.
    @Test func linkedRuleWorkedByHand() throws {
        let folder = try TemporaryFolder()
        try folder.write("units.csv", "id,district,tax,allocation\na,d,1000,100\n")
        try folder.write("series.csv", "unit,year,tax\na,2026,1200\na,2027,900\na,2028,990\n")
        let path = try folder.write("s.yaml", """
            name: hand
            years: {base: 2025, end: 2028}
            units: units.csv
            taxSeries: series.csv
            districts: [{id: d, capacity: {maxShareOfRevenue: 0.6}}]
            rebate: {rule: linked, linked: {baseShare: 0.5, coefficient: 0.5}, termYears: 2}
            """)
        let scenario = try ScenarioLoader().load(path).scenario
        let result = Simulation(scenario).runDeterministic()
        let explainer = UnitYearExplainer(scenario: scenario, result: result)
        let explanation = try explainer.explain(unit: "a", year: 2027)
        let values = Dictionary(explanation.figures.map { ($0.cell!.column, $0.value!) }, uniquingKeysWith: { a, _ in a })
        // B = 500; 2026: × 1.1 = 550; 2027: γ = −25 %, × 0.875 = 481.25 (相应扣减); reference T(2025).
        #expect(values["reference"] == "1000.00")
        #expect(values["increment"] == "0.00")
        #expect(values["rebate"] == "481.25")
        #expect(values["capacity_factor"] == "1.000000")
        let lines = explanation.sections.flatMap(\.lines)
        #expect(lines.first { $0.text.hasPrefix("base rebate B") }?.value == "500.00")
        let chain = lines.filter { $0.text.hasPrefix("2026:") || $0.text.hasPrefix("2027:") }
        #expect(chain.map(\.value) == ["550.00", "481.25"])
        #expect(chain.last?.text.contains("= -25 %") == true, "\(chain.last?.text ?? "")")
        #expect(chain.last?.text.contains("chained factor 0.9625") == true, "\(chain.last?.text ?? "")")
        // Past the term the statutory amount keeps following the tax: 481.25 × 1.05 = 505.3125.
        let after = try explainer.explain(unit: "a", year: 2028).sections.flatMap(\.lines)
        #expect(after.first { $0.text.contains("keeps following the tax after the term") }?.value == "505.31")
        #expect(after.first { $0.cell?.column == "rebate" }?.value == "0.00")
    }

    @Test func unknownUnitYearAndVariantAreExplained() throws {
        let loaded = try ScenarioLoader().load(Repository.path("scenarios/siming-pilot.yaml"))
        let result = Simulation(loaded.scenario).runDeterministic()
        let explainer = UnitYearExplainer(scenario: loaded.scenario, result: result)
        #expect(throws: UnitYearExplainer.Failure.self) { try explainer.explain(unit: "zhonghau", year: 2027) }
        do {
            _ = try explainer.explain(unit: "zhonghau", year: 2027)
        } catch {
            #expect(error.description.contains("did you mean 'zhonghua'"))
        }
        do {
            _ = try explainer.explain(unit: "zhonghua", year: 2025)
            Issue.record("the base year is not a projected year")
        } catch {
            #expect(error.description.contains("2026–2035"))
        }
        do {
            _ = try explainer.explain(unit: "zhonghua", year: 2027, variant: "rebate50")
            Issue.record("no variant rebate50")
        } catch {
            #expect(error.description.contains("did you mean 'rebate-50'"))
        }
    }

    /// `explain --lang zh` (issue 21): the same sections, lines, figures and cells as in English,
    /// only the words change — for every unit and variant of both shipped scenarios in one year
    /// where the rebate applies to some and not to others; the cells are named by their Chinese
    /// headers and no section title keeps an English word.
    @Test(arguments: shipped)
    func chineseExplanationHasTheEnglishFigures(_ relative: String) throws {
        let scenario = try ScenarioLoader().load(Repository.path(relative)).scenario
        let result = Simulation(scenario).runDeterministic()
        let explainer = UnitYearExplainer(scenario: scenario, result: result)
        let year = scenario.horizon.firstYear + 1
        for variant in result.variants {
            for unit in scenario.units {
                let english = try explainer.explain(unit: unit.id, year: year, variant: variant.name)
                let chinese = try explainer.explain(unit: unit.id, year: year, variant: variant.name, language: .chinese)
                let where_ = "\(relative) \(variant.name) \(unit.id) \(year)"
                #expect(chinese.sections.map(\.lines.count) == english.sections.map(\.lines.count), "\(where_)")
                let pairs = zip(english.sections.flatMap(\.lines), chinese.sections.flatMap(\.lines))
                for (en, zh) in pairs {
                    #expect(en.value == zh.value && en.cell == zh.cell, "\(where_): \(en.text) vs \(zh.text)")
                    #expect(en.text != zh.text || !en.text.contains(where: \.isLetter) || en.text.hasPrefix("T("), "\(where_): untranslated \(en.text)")
                }
                for section in chinese.sections {
                    // Only a fee's or a wave's id (条费转块：greening, 推开批次：pilots) or the rule's symbol (1∶c) may be in Latin letters.
                    let words = section.title.replacingOccurrences(of: "1∶c", with: "")
                    #expect(!words.contains { $0.isASCII && $0.isLetter } || words.hasPrefix("条费转块：") || words.hasPrefix("推开批次："), "\(where_): \(section.title)")
                }
                #expect(chinese.render().contains("[units.csv:增量返还]"), "\(where_)")
                #expect(english.render().contains("[units.csv:rebate]"), "\(where_)")
            }
        }
    }
}
