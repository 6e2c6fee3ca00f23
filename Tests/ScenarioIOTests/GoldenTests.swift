import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// Pins the full CSV output of the shipped scenarios.
///
/// A failure names the file, the row key, the column, the expected and the actual value. To
/// re-pin on purpose (and review the diff): `FISCAL_SIM_UPDATE_GOLDEN=1 swift test --filter GoldenTests`.
@Suite("Golden output of the shipped scenarios")
struct GoldenTests {
    static let scenarios = ["siming-pilot", "pilot-districts"]
    static let updating = ProcessInfo.processInfo.environment["FISCAL_SIM_UPDATE_GOLDEN"] == "1"

    @Test(arguments: scenarios)
    func outputMatchesTheGoldenFiles(name: String) throws {
        guard let loaded = loadScenario(Repository.path("scenarios/\(name).yaml")) else { return }
        let tables = ResultTables(scenario: loaded.scenario, result: Simulation(loaded.scenario).runDeterministic())
        for (file, text, keys) in [
            ("units.csv", tables.unitsCSV(), 4), ("districts.csv", tables.districtsCSV(), 3),
        ] {
            let golden = Repository.root.appendingPathComponent("Tests/ScenarioIOTests/Golden/\(name)/\(file)")
            if Self.updating {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: golden)
                continue
            }
            guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
                Issue.record("missing golden file \(golden.path); create it with FISCAL_SIM_UPDATE_GOLDEN=1")
                continue
            }
            Self.compare(file: "\(name)/\(file)", expected: ParsedCSV(expected), actual: ParsedCSV(text), keyColumns: keys)
        }
    }

    /// Reports every differing cell (up to 20) by row key and column.
    static func compare(file: String, expected: ParsedCSV, actual: ParsedCSV, keyColumns: Int) {
        #expect(actual.header == expected.header, "\(file): header changed\n expected \(expected.header)\n actual   \(actual.header)")
        #expect(actual.rows.count == expected.rows.count, "\(file): \(actual.rows.count) rows, golden has \(expected.rows.count)")
        var reported = 0
        for (want, got) in zip(expected.rows, actual.rows) {
            let key = want.prefix(keyColumns).joined(separator: ",")
            if got.prefix(keyColumns) != want.prefix(keyColumns) {
                Issue.record("\(file): row \(key) expected, found \(got.prefix(keyColumns).joined(separator: ","))")
                return
            }
            for (index, column) in expected.header.enumerated() where index < got.count && got[index] != want[index] {
                Issue.record("\(file): row \(key), column \(column): expected \(want[index]), actual \(got[index])")
                reported += 1
                if reported == 20 { return }
            }
        }
    }
}
