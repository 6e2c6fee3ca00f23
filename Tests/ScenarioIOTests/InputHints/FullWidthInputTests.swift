import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21 (4), model.md §22: a Chinese keyboard's `：，；、（` where YAML or a tags cell expects
/// ASCII punctuation is an input error at the character itself, naming it and what to type;
/// in names and text they stay legitimate.
@Suite("Full-width punctuation and percentages")
struct FullWidthInputTests {
    let siming: EditedSiming
    init() throws { siming = try EditedSiming() }

    @Test("a key typed with '：' is an error at the '：' (not the next line), naming it and the fix")
    func fullWidthColonKey() throws {
        let file = try siming.scenario("\npaths: 1\n", "\npaths：1\n")
        let errors = loadErrors(file)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.line == siming.line(of: "paths: 1") && error.column == 6)
        #expect(error.message.contains("full-width colon '：' (U+FF1A)"))
        #expect(error.message.contains("type the ASCII ':' followed by a space"))
        #expect(error.message.hasSuffix(": paths: 1"))
    }

    @Test("a nested key with '：' (libyaml's error is on a later line) is reported at the '：'")
    func nestedFullWidthColon() throws {
        let file = try siming.scenario("  tax: 0.06\n", "  tax：0.06\n")
        let error = try #require(single(loadErrors(file), "'：'"))
        #expect(error.line == siming.line(of: "  tax: 0.06") && error.column == 6)
        #expect(error.message.hasSuffix(": tax: 0.06"))
    }

    @Test("a value that should be a mapping but holds 'key：value' names the '：' at its column")
    func scalarWhereAMappingBelongs() throws {
        let file = try siming.scenario("incentive: {elasticity: 0.04}", "incentive:\n  elasticity：0.04")
        let error = try #require(single(loadErrors(file), "'：'"))
        #expect(error.line == siming.line(of: "incentive: {elasticity") + 1 && error.column == 13)
        #expect(error.message.contains("incentive: found the full-width colon"))
        #expect(error.message.hasSuffix(": elasticity: 0.04"))
    }

    @Test("flow mappings and lists: {pilot：2026} and [a，b] are errors at the character")
    func flowCollections() throws {
        let byTag = "  byTag: {pilot: 2026}"
        var error = try #require(single(loadErrors(try siming.scenario(byTag, "  byTag: {pilot：2026}")), "'：'"))
        #expect(error.line == siming.line(of: byTag) && error.column == EditedSiming.column(of: "：", in: "  byTag: {pilot：2026}"))
        #expect(error.message.hasSuffix(": pilot: 2026"))
        let list = "  eligibility: {excludeTags: [village-converted]}"
        let typed = "  eligibility: {excludeTags: [village-converted、pilot]}"
        let errors = loadErrors(try siming.scenario(list, typed))
        error = try #require(errors.first)
        #expect(errors.allSatisfy { $0.message.contains("enumeration comma (顿号) '、' (U+3001)") })
        #expect(error.line == siming.line(of: list) && error.column == EditedSiming.column(of: "、", in: typed))
        #expect(error.message.hasSuffix(": [village-converted, pilot]"))
    }

    @Test("a number holding '，' is an error at the '，', reported once (not per variant)")
    func numberWithFullWidthComma() throws {
        let source = "growth: 0.05, volatility: 0.15}"
        let errors = loadErrors(try siming.scenario(source, "growth: 0.05, volatility: 0.15，}"))
        let error = try #require(single(errors, "'，'"))
        #expect(error.message.contains("volatility: expected a number, found '0.15，', which holds the full-width comma '，'"))
        let line = siming.scenarioText.components(separatedBy: "\n")[siming.line(of: source) - 1]
        let last = line.distance(from: line.startIndex, to: line.range(of: "}", options: .backwards)!.lowerBound) + 1
        #expect(error.line == siming.line(of: source) && error.column == last)
    }

    @Test("full-width characters in names, titles, comments and block text are legitimate")
    func legitimateFullWidthText() throws {
        var text = siming.scenarioText
        text = text.replacingOccurrences(of: "name: siming-pilot", with: "name: siming-pilot\n# 说明：注释里的冒号，逗号；分号、顿号（括号）\ndescription_note_is_not_a_key: 0")
        text = text.replacingOccurrences(of: "description_note_is_not_a_key: 0\n", with: "")
        let district = try #require(text.range(of: "name: 思明区"))
        text.replaceSubrange(district, with: "name: 思明区（试点）")
        text = text.replacingOccurrences(of: "  - name: fast-rollout\n", with: "  - name: fast-rollout\n    title: 方案：快速推开，全部街道\n")
        let file = try siming.folder.write("legit.yaml", text)
        let loaded = try #require(loadScenario(file))
        #expect(loaded.scenario.districts[0].name == "思明区（试点）")
        #expect(loaded.scenario.variants.first { $0.name == "fast-rollout" }?.title == "方案：快速推开，全部街道")
        // A block scalar's text is text too, even with a '：' after a word.
        let block = "说明：\n  第一行：文字，more\n"
        let source = SourceText("title: |\n  " + block.replacingOccurrences(of: "\n  ", with: "\n    ") + "other: [a, b]\n")
        #expect(FullWidthSyntax.scan(source, file: "t.yaml", through: .max).isEmpty)
        #expect(FullWidthSyntax.scan(SourceText("a: \"x：y\"\nb: 'p，q' # 注：z\n"), file: "t.yaml", through: .max).isEmpty)
    }

    @Test("a pinned test file with '：' is an error at the character too")
    func pinnedTestFile() throws {
        do {
            _ = try YAMLSource.parse("scenario: s.yaml\ntests:\n  - name：a\n    values: {}\n", file: "pins.yaml")
            Issue.record("accepted")
        } catch {
            let first = try #require(error.diagnostics.first)
            #expect(first.description.hasPrefix("pins.yaml:3:9: error: found the full-width colon '：'"))
        }
    }

    @Test("tags cells: '；' and '、' are errors at the cell, naming the character and ';'")
    func tagsCellSeparators() throws {
        for (character, name) in [("；", "full-width semicolon '；' (U+FF1B)"), ("、", "enumeration comma (顿号) '、' (U+3001)"), ("，", "full-width comma '，' (U+FF0C)")] {
            let file = try siming.units("zhonghua,中华,siming,pilot,", "zhonghua,中华,siming,village-converted\(character)pilot,")
            let error = try #require(single(loadErrors(file), "column 'tags'"))
            #expect(error.file.hasSuffix("data/edited.csv") && error.line == 3 && error.column == 4)
            #expect(error.message.contains(name))
            #expect(error.message.hasSuffix("type village-converted;pilot"))
        }
        // A tag with a full-width parenthesis is a name, not a separator.
        let file = try siming.units("zhonghua,中华,siming,pilot,", "zhonghua,中华,siming,pilot;试点（一期）,")
        #expect(loadScenario(file) != nil)
    }

    @Test("a percentage suggests the decimal: YAML values and units-file cells")
    func percentages() throws {
        var error = try #require(single(loadErrors(try siming.scenario("  tax: 0.06\n", "  tax: 6%\n")), "6%"))
        #expect(error.line == siming.line(of: "  tax: 0.06") && error.column == 8)
        #expect(error.message.hasSuffix("write it as a decimal: 0.06 (6% = 0.06)"))
        error = try #require(single(loadErrors(try siming.scenario("  tax: 0.06\n", "  tax: \"5 %\"\n")), "5 %"))
        #expect(error.message.hasSuffix("write it as a decimal: 0.05 (5 % = 0.05)"))
        let file = try siming.units("zhonghua,中华,siming,pilot,14000.00,820.00", "zhonghua,中华,siming,pilot,14000.00,12.5%")
        error = try #require(single(loadErrors(file), "12.5%"))
        #expect(error.line == 3 && error.column == 6)
        #expect(error.message.hasSuffix("write it as a decimal: 0.125 (12.5% = 0.125)"))
        #expect(PercentText.decimal("6％") == "0.06" && PercentText.decimal("-2%") == "-0.02" && PercentText.decimal("x%") == nil)
    }

    @Test("a missing units column names the scenario key that reads it")
    func missingColumnNamesTheKey() throws {
        let header = siming.unitsText.components(separatedBy: "\n")[0]
        let file = try siming.units(header, header.replacingOccurrences(of: ",elderly,", with: ",elders,"))
        let error = try #require(single(loadErrors(file), "missing column 'elderly'"))
        #expect(error.message.contains("(did you mean 'elders'?)"))
        // The first key that reads it: the donations' allocation key.
        let line = siming.line(of: "  allocationKey: {population: 0.4, elderly: 0.2")
        #expect(error.message.contains("the scenario's donations.allocationKey.elderly (\(siming.folder.path("s.yaml")):\(line)) needs it"))
    }
}
