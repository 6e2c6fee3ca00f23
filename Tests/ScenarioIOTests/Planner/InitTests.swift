import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// `fiscal-sim init DIR`: the starter files validate and run as written, and nothing is
/// overwritten.
@Suite struct InitTests {
    @Test func starterValidatesWithoutWarningsAndRuns() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("new/starter")
        let written = try StarterScenario.write(into: target)
        #expect(written.map { ($0 as NSString).lastPathComponent } == ["scenario.yaml", "units.csv"])
        let loaded = try ScenarioLoader().load(target.appendingPathComponent("scenario.yaml").path)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let scenario = loaded.scenario
        #expect(scenario.units.count == 4)
        #expect(scenario.variants.map(\.name) == ["rebate-50"])
        let result = Simulation(scenario).runDeterministic()
        // The pilot adopts in 2026 and gets a rebate; the village-converted unit never does.
        let reform = try #require(result.variant("reform"))
        let east = scenario.units.firstIndex { $0.id == "east" }!
        let south = scenario.units.firstIndex { $0.id == "south" }!
        #expect(reform.units[east][0].rebate > 0)
        #expect(reform.units[south].allSatisfy { $0.rebate == 0 })
        let out = folder.url.appendingPathComponent("out")
        try RunWriter(loaded: loaded).write(result, to: out)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("units.csv").path))
    }

    @Test func commentsAreBilingual() {
        let text = StarterScenario.scenarioText
        let comments = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(comments.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
        #expect(comments.contains { $0.contains("The base year") })
    }

    @Test func refusesToOverwrite() throws {
        let folder = try TemporaryFolder()
        let existing = try folder.write("units.csv", "my data\n")
        #expect(throws: StarterScenario.Refusal.self) { try StarterScenario.write(into: folder.url) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "my data\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path("scenario.yaml")))
    }
}
