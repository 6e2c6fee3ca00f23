import Foundation
import Testing

@testable import ScenarioIO

/// The Siming scenario and its units file copied into a temporary folder, edited as a planner
/// would type them (issue 21: Chinese keyboards, percentages, typos).
struct EditedSiming {
    let folder: TemporaryFolder
    let scenarioText: String
    let unitsText: String

    init() throws {
        folder = try TemporaryFolder()
        scenarioText = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        unitsText = try String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8)
        try folder.write("data/siming-streets.csv", unitsText)
    }

    /// The scenario with `old` replaced by `new` (which must occur), written as `name`.
    func scenario(_ old: String = "", _ new: String = "", name: String = "s.yaml", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        #expect(old.isEmpty || scenarioText.contains(old), "the scenario no longer holds \(old)", sourceLocation: sourceLocation)
        return try folder.write(name, old.isEmpty ? scenarioText : scenarioText.replacingOccurrences(of: old, with: new))
    }

    /// The units file with `old` replaced by `new`, and the scenario reading it.
    func units(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        #expect(unitsText.contains(old), "the units file no longer holds \(old)", sourceLocation: sourceLocation)
        try folder.write("data/edited.csv", unitsText.replacingOccurrences(of: old, with: new))
        return try scenario("units: data/siming-streets.csv", "units: data/edited.csv")
    }

    /// The 1-based line of the scenario holding `text` (after editing, the same line).
    func line(of text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let lines = scenarioText.components(separatedBy: "\n")
        let index = lines.firstIndex { $0.contains(text) }
        #expect(index != nil, "no line holds \(text)", sourceLocation: sourceLocation)
        return (index ?? 0) + 1
    }

    /// The 1-based column (in characters) of `needle` in `line`.
    static func column(of needle: String, in line: String) -> Int {
        line.distance(from: line.startIndex, to: line.range(of: needle)!.lowerBound) + 1
    }
}

/// The one diagnostic of `diagnostics` at `line` whose message holds `text`, recording an issue
/// when there is not exactly one.
func single(_ diagnostics: [Diagnostic], _ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
    let found = diagnostics.filter { $0.message.contains(text) }
    #expect(found.count == 1, "expected one diagnostic holding \(text), found:\n\(diagnostics.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
    return found.first
}
