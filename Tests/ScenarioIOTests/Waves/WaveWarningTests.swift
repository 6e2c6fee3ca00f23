import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 19 with model.md §22's warnings (interpretations K5, E19): a wave's `earliest` or
/// `deadline` after the horizon's `end` is a warning — not an error — at the value's
/// FILE:LINE:COLUMN, printed and listed in run.json's `warnings` like the other roll-out warnings.
@Suite("Waves: warnings after the horizon")
struct WaveWarningTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// A scenario ending in 2032 with one wave whose extra keys are `keys` (`earliest: …`, `deadline: …`).
    func scenario(_ keys: String, variants: String = "") throws -> String {
        try folder.write("units.csv", WaveInputTests.units)
        return try folder.write("s.yaml", WaveInputTests.header + WaveInputTests.pilots + """
                - id: expand
                  members: {units: [a, b]}
                  evidence: {tags: [pilot]}
                  \(keys)
                  when: {metric: self_sufficiency, above: 1.1}

            """ + variants)
    }

    func warnings(_ path: String) throws -> [Diagnostic] {
        try ScenarioLoader().load(path).warnings.filter { $0.severity == .warning }
    }

    static let earliestText = "rollout.waves.expand.earliest: 2033 is after the last projected year 2032, so the wave never decides and its members never adopt through it within the horizon; write a year up to 2032, or remove the wave if that is meant"
    static let deadlineText = "rollout.waves.expand.deadline: 2040 is after the last projected year 2032, so it never forces the wave within the horizon (the wave adopts only if its when-condition holds); write never if that is meant, or a year up to 2032"

    @Test func earliestAfterEndWarnsAtTheValue() throws {
        let path = try scenario("earliest: 2033")
        let found = try warnings(path)
        #expect(found.count == 1)
        let warning = try #require(found.first)
        // Line 12 of the file (header 4 lines, rollout 4, the wave's id, members, evidence, earliest).
        #expect(warning.file == path && warning.line == 12 && warning.column == 17, "\(warning)")
        #expect(warning.message == Self.earliestText)
        #expect(try warnings(try scenario("earliest: 2032")).isEmpty, "the last projected year is in the horizon")
    }

    @Test func deadlineAfterEndWarnsWithItsOwnMeaning() throws {
        let found = try warnings(try scenario("deadline: 2040"))
        #expect(found.map(\.message) == [Self.deadlineText])
        #expect(found.first?.line == 12 && found.first?.column == 17)
        #expect(try warnings(try scenario("deadline: never")).isEmpty)
        #expect(try warnings(try scenario("deadline: 2032")).isEmpty)
        // Both after the end: two warnings, earliest's first; the deadline is not before earliest.
        let both = try warnings(try scenario("earliest: 2033\n      deadline: 2040"))
        #expect(both.map(\.message) == [Self.earliestText, Self.deadlineText])
    }

    @Test func runJsonListsTheWarningsAndTheRunGoesOn() throws {
        let path = try scenario("earliest: 2033\n      deadline: 2040")
        let run = try ScenarioRun(try ScenarioLoader().load(path))
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(run.file(named: "run.json")))
        #expect(manifest.warnings == ["\(path):12:17: warning: \(Self.earliestText)", "\(path):13:17: warning: \(Self.deadlineText)"])
        #expect(manifest.waves?["reform"]?["expand"] == .deterministic(year: nil, abandoned: nil), "the wave never decides")
    }
}
