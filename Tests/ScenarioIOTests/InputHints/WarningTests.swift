import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21 (4), model.md §22: warnings about a runnable scenario that probably says something else
/// than meant — on standard error, in run.json under `warnings` and on the About sheet; the
/// exit status stays 0.
@Suite("Input warnings")
struct WarningTests {
    let siming: EditedSiming
    init() throws { siming = try EditedSiming() }

    func warnings(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Diagnostic] {
        try #require(loadScenario(file, sourceLocation: sourceLocation)).warnings.filter { $0.severity == .warning }
    }

    @Test("the shipped scenarios warn about nothing, and run.json then has no warnings key")
    func shippedScenariosHaveNoWarnings() throws {
        for name in ["siming-pilot", "pilot-districts"] {
            let loaded = try #require(loadScenario(Repository.path("scenarios/\(name).yaml")))
            #expect(loaded.recordedWarnings.isEmpty)
            let run = try ScenarioRun(loaded)
            let json = String(decoding: try #require(run.file(named: "run.json")), as: UTF8.self)
            #expect(!json.contains("\"warnings\"") && !json.contains("\"set\""))
        }
    }

    @Test("a units-file tag the scenario never names: at its cell, did you mean 'pilot'")
    func unnamedTag() throws {
        let file = try siming.units("xiagang,厦港,siming,,", "xiagang,厦港,siming,pliot,")
        let warning = try #require(single(try warnings(file), "'pliot'"))
        #expect(warning.file.hasSuffix("data/edited.csv") && warning.line == 2 && warning.column == 4)
        #expect(warning.message.contains("is named nowhere in the scenario"))
        #expect(warning.message.contains("did you mean 'pilot'?"))
        // A tag that resembles none of the scenario's lists them instead.
        let other = try siming.units("xiagang,厦港,siming,,", "xiagang,厦港,siming,harbour,")
        let plain = try #require(single(try warnings(other), "'harbour'"))
        #expect(!plain.message.contains("did you mean") && plain.message.contains("names 'pilot', 'village-converted'"))
    }

    @Test("an incentive elasticity above 1, at the value (scalar and step function)")
    func elasticityAboveOne() throws {
        let source = "incentive: {elasticity: 0.04}"
        let line = siming.line(of: source)
        var warning = try #require(single(try warnings(try siming.scenario(source, "incentive: {elasticity: 4}")), "elasticity"))
        #expect(warning.line == line && warning.column == EditedSiming.column(of: "4}", in: "incentive: {elasticity: 4}"))
        #expect(warning.message.hasPrefix("incentive.elasticity is 4, above 1"))
        warning = try #require(single(try warnings(try siming.scenario(source, "incentive: {elasticity: {2026: 0.04, 2030: 1.5}}")), "elasticity"))
        #expect(warning.message.hasPrefix("incentive.elasticity is 1.5, above 1"))
        #expect(try warnings(try siming.scenario(source, "incentive: {elasticity: 1}")).isEmpty)
    }

    @Test("a roll-out year after end: never adopts within the horizon")
    func rolloutAfterEnd() throws {
        let source = "  byTag: {pilot: 2026}"
        let warning = try #require(single(try warnings(try siming.scenario(source, "  byTag: {pilot: 2036}")), "2036"))
        #expect(warning.line == siming.line(of: source) && warning.column == 18)
        #expect(warning.message == "rollout.byTag.pilot: 2036 is after the last projected year 2035, so these units never adopt within the horizon; write never if that is meant, or a year up to 2035")
        #expect(try warnings(try siming.scenario(source, "  byTag: {pilot: 2035}")).isEmpty)
    }

    @Test("a Monte Carlo run whose shocks are all zero, from the scenario or from --paths")
    func zeroShocks() throws {
        var text = siming.scenarioText.replacingOccurrences(of: "  volatility: 0.03\n", with: "")
        for value in ["0.15", "0.20", "0.25"] { text = text.replacingOccurrences(of: "volatility: \(value)}", with: "volatility: 0}") }
        let calm = try siming.folder.write("calm.yaml", text)
        var loaded = try #require(loadScenario(calm))
        #expect(loaded.recordedWarnings.isEmpty)
        let added = loaded.setPaths(50)
        #expect(added.count == 1 && added[0].description.hasPrefix("--paths: warning: a Monte Carlo run (paths 50) whose shocks are all zero"))
        #expect(loaded.setPaths(1).isEmpty && loaded.recordedWarnings.isEmpty)
        let written = try siming.folder.write("calm-mc.yaml", text.replacingOccurrences(of: "\npaths: 1\n", with: "\npaths: 20\n"))
        let warning = try #require(single(try warnings(written), "shocks are all zero"))
        #expect(warning.line == siming.line(of: "paths: 1") && warning.column == 1)
        // Any volatility left (one donation source) is a shock.
        let one = try siming.folder.write("one.yaml", text.replacingOccurrences(of: "\npaths: 1\n", with: "\npaths: 20\n")
            .replacingOccurrences(of: "growth: 0.05, volatility: 0}", with: "growth: 0.05, volatility: 0.1}"))
        #expect(try warnings(one).isEmpty)
    }

    @Test("warnings are kept in run.json and on the About sheet; the run is unchanged otherwise")
    func warningsSurviveTheTerminal() throws {
        let file = try siming.units("xiagang,厦港,siming,,", "xiagang,厦港,siming,pliot,")
        let loaded = try #require(loadScenario(file))
        let run = try ScenarioRun(loaded, options: RunWriter.Options(workbook: true))
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(run.file(named: "run.json")))
        let expected = try #require(loaded.warnings.first { $0.message.contains("pliot") }).description
        #expect(manifest.warnings == [expected])
        #expect(manifest.set == nil)
        // The About sheet holds the same line.
        let book = siming.folder.path("report.xlsx")
        try #require(run.workbook).write(to: URL(fileURLWithPath: book))
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-p", book, "xl/sharedStrings.xml"]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let strings = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        #expect(strings.contains("is named nowhere in the scenario"))
        // The tables are those of the untouched scenario: a tag named nowhere changes nothing
        // (the street had no tag before).
        let original = try ScenarioRun(try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml"))))
        #expect(run.file(named: "districts.csv") == original.file(named: "districts.csv"))
    }

    @Test("on the command line: warnings on standard error, exit 0 for run and validate")
    func commandLine() throws {
        let file = try siming.scenario("incentive: {elasticity: 0.04}", "incentive: {elasticity: 4}")
        for command in [["validate", file], ["run", file, "--out", "r", "--quiet"]] {
            let (status, errors) = try ToolBinary.run(command, in: siming.folder.url)
            #expect(status == 0)
            #expect(errors.contains("warning: incentive.elasticity is 4, above 1"))
        }
        let json = try String(contentsOfFile: siming.folder.path("r/run.json"), encoding: .utf8)
        #expect(json.contains("\"warnings\" : [") && json.contains("incentive.elasticity is 4, above 1"))
    }
}
