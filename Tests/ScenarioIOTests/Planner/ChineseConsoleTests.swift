import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21, items 2 and 7: `--lang zh` prints the console summary, `sweep`'s lines and
/// `explain` in Chinese.
/// Golden snapshots of what the built binary prints (files under `Golden/console-zh/`, changed
/// only on purpose: `FISCAL_SIM_UPDATE_GOLDEN=1 swift test --filter ChineseConsoleTests`), and
/// a check that can fail by itself: every word in Latin letters the Chinese output prints must
/// be an identifier a planner typed (a unit, district, variant, tag, fee, need or indicator id, a
/// scenario key path, a file name) — never an English word of the tool's own wording.
@Suite("Chinese console output (--lang zh)", .serialized)
struct ChineseConsoleTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let siming = Repository.path("scenarios/siming-pilot.yaml")
    static let districts = Repository.path("scenarios/pilot-districts.yaml")

    /// The printed commands, by golden file name.
    static let cases: [(name: String, arguments: [String])] = [
        ("run-siming-pilot.txt", ["run", siming, "--lang", "zh", "--out", "zh-run"]),
        ("run-pilot-districts.txt", ["run", districts, "--lang", "zh", "--out", "zh-run"]),
        ("run-siming-pilot-mc.txt", ["run", siming, "--lang", "zh", "--paths", "20", "--out", "zh-run"]),
        ("sweep-siming-pilot.txt", ["sweep", siming, "--grid", "rebate.bands.0.rate=0.1:0.5:3", "--lang", "zh", "--out", "zh-sweep"]),
        ("explain-increment.txt", ["explain", siming, "--unit", "gulangyu", "--year", "2030", "--lang", "zh"]),
        ("explain-linked.txt", ["explain", siming, "--unit", "gulangyu", "--year", "2031", "--variant", "linked-1-0.3", "--lang", "zh"]),
        ("explain-not-adopted.txt", ["explain", siming, "--unit", "binhai", "--year", "2027", "--lang", "zh"]),
        ("explain-counterfactual.txt", ["explain", districts, "--unit", "core-finance", "--year", "2027", "--variant", "counterfactual", "--lang", "zh"]),
    ]

    /// What the tool printed on standard output, with its exit status 0.
    func printed(_ arguments: [String]) throws -> String {
        let output = Pipe()
        let process = try ToolBinary.process(arguments, in: folder.url, stdout: output)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments)")
        // The output folder as printed is this test's temporary folder.
        let root = folder.url.resolvingSymlinksInPath().path
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: root, with: "FOLDER").replacingOccurrences(of: folder.url.path, with: "FOLDER")
    }

    @Test(arguments: cases.map(\.name))
    func printedOutputMatchesItsSnapshot(_ name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let text = try printed(arguments)
        let golden = Repository.root.appendingPathComponent("Tests/ScenarioIOTests/Golden/console-zh/\(name)")
        if ProcessInfo.processInfo.environment["FISCAL_SIM_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: golden)
            return
        }
        let expected = try #require(try? String(contentsOf: golden, encoding: .utf8), "missing \(golden.path); create it with FISCAL_SIM_UPDATE_GOLDEN=1")
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let have = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let line = (0..<min(want.count, have.count)).first(where: { want[$0] != have[$0] }) {
            Issue.record("\(name) line \(line + 1) differs:\n expected \(want[line])\n printed  \(have[line])")
        }
        #expect(want.count == have.count, "\(name): \(have.count) lines printed, the snapshot has \(want.count)")
    }

    @Test(arguments: cases.map(\.name))
    func everyLatinWordIsAnIdentifierThePlannerTyped(_ name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let loaded = try ScenarioLoader().load(arguments[1])
        let allowed = Self.identifiers(loaded.scenario)
        let text = try printed(arguments)
        let stray = Set(Self.latinWords(text)).subtracting(allowed).filter { !Self.isScenarioPath($0) }
        #expect(stray.isEmpty, "\(name) prints English words: \(stray.sorted())")
        #expect(text.contains { $0.unicodeScalars.first!.value >= 0x4E00 }, "\(name) has no Chinese at all")
    }

    /// The English output is caught by the same check (so the check can fail).
    @Test func theEnglishOutputFailsTheCheck() throws {
        let loaded = try ScenarioLoader().load(Self.siming)
        let allowed = Self.identifiers(loaded.scenario)
        for arguments in [["run", Self.siming, "--out", "en-run"], ["explain", Self.siming, "--unit", "gulangyu", "--year", "2030"]] {
            let stray = Set(Self.latinWords(try printed(arguments))).subtracting(allowed).filter { !Self.isScenarioPath($0) }
            let expected = arguments[0] == "run" ? ["effect", "loss", "capacity", "reform"] : ["adopted", "incentive", "need"]
            for word in expected where !stray.contains(word) {
                Issue.record("\(arguments[0]) in English: the check does not see '\(word)' (\(stray.sorted().prefix(20)))")
            }
        }
    }

    /// Runs of Latin letters as an identifier is written (`rollout.byUnit.gulangyu`,
    /// `rebate-50`, `tax_growth`, `units.csv`), with trailing dots and hyphens dropped.
    static func latinWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            while let last = current.last, last == "." || last == "-" { current.removeLast() }
            if current.contains(where: \.isLetter), current.count > 1 { words.append(current) }
            current = ""
        }
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// What a planner typed or the tool names as data: ids, scenario keys, file names.
    static func identifiers(_ scenario: Scenario) -> Set<String> {
        var ids = Set(scenario.units.flatMap { [$0.id, $0.name] + $0.tags })
        ids.formUnion(scenario.districts.flatMap { [$0.id, $0.name] })
        ids.formUnion(scenario.variants.map(\.name))
        ids.insert(scenario.name)
        ids.formUnion(scenario.reform.lineFees.map(\.id))
        ids.formUnion(scenario.reform.needs.flatMap { [$0.id, $0.indicator] })
        ids.formUnion(scenario.reform.lineFees.compactMap { $0.taskCost?.indicator })
        ids.formUnion([
            "units.csv", "districts.csv", "comparison.csv", "groups.csv", "brief.csv", "run.json", "datapackage.json",
            "units_quantiles.csv", "districts_quantiles.csv",
        ])
        ids.formUnion([
            "CNY", "true", "false", "max", "min", "csv", "json", "zh-run", "zh-sweep", "FOLDER", "sweep.csv", "sweep.json",
            "capPerUnit", "minimumPerUnit", "termYears", "excludeTags", "includeTags", "referenceGrowth", "taxSeries",
            "tax_growth", "donations", "rebate",
        ])
        return ids
    }

    /// A scenario key path (`rollout.byUnit.x`, `growth.tax`, `linked.baseShare`, `rebate.eligibility`).
    static func isScenarioPath(_ word: String) -> Bool {
        ["rollout.", "growth.", "linked.", "rebate."].contains { word.hasPrefix($0) }
    }
}
