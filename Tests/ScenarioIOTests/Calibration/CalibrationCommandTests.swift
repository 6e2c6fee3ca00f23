import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// `fiscal-sim calibrate` end to end: bad histories, the short-history repair, and a pasted
/// `calibration.yaml` that validates and runs.
@Suite("Calibration: the command, its files and the pasted growth section", .serialized)
struct CalibrationCommandTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Six units in two districts; the scenario's growth section comes last so it can be replaced.
    static let units = """
        id,district,tags,tax,allocation
        a1,east,,1000,100
        a2,east,village-converted,800,100
        a3,east,,1200,100
        b1,west,,900,100
        b2,west,,700,100
        b3,west,,1100,100

        """
    static let scenarioHead = """
        name: cal
        years: {base: 2025, end: 2028}
        units: ../data/units.csv
        districts: [{id: east}, {id: west}]

        """
    static let growth = "growth:\n  tax: 0.05\n  byTag: {village-converted: 0.03}\n  volatility: 0.02\n"

    /// A history of `years` consecutive years ending in 2025, with common and district shocks.
    static func history(years: Int, seed: UInt64) -> String {
        var generator = SplitMix64(seed: seed)
        var lines = ["unit,year,tax"]
        let ids = ["a1", "a2", "a3", "b1", "b2", "b3"]
        let common = (0..<years).map { _ in generator.uniform() - 0.5 }
        let district = (0..<2).map { _ in (0..<years).map { _ in generator.uniform() - 0.5 } }
        for (index, id) in ids.enumerated() {
            var tax = 500.0 + Double(index) * 100
            for offset in 0..<years {
                if offset > 0 { tax *= 1.05 + 0.04 * common[offset] + 0.03 * district[index / 3][offset] + 0.02 * (generator.uniform() - 0.5) }
                lines.append("\(id),\(2025 - years + 1 + offset),\(String(format: "%.2f", tax))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func setUp(history: String) throws {
        try folder.write("data/units.csv", Self.units)
        try folder.write("scenarios/cal.yaml", Self.scenarioHead + Self.growth)
        try folder.write("data/history.csv", history)
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = Pipe()
        let errors = Pipe()
        let process = try ToolBinary.process(arguments, in: folder.url, stdout: out, stderr: errors)
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errorText, as: UTF8.self))
    }

    /// Fewer growth years than units: a positive-definite correlation.csv, the repair warning,
    /// and a pasted section (matrix or two-level) that validates and runs as Monte Carlo.
    @Test func shortHistoryGivesAPositiveDefiniteMatrixThatRuns() throws {
        try setUp(history: Self.history(years: 5, seed: 7))
        let calibrated = try run(["calibrate", "scenarios/cal.yaml", "--history", "data/history.csv", "--matrix", "--out", "out/cal"])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        #expect(calibrated.stderr.contains("data/history.csv: warning: the history has 4 growth years for 6 units, so the sample correlation matrix is singular"), "\(calibrated.stderr)")
        #expect(calibrated.stdout.contains("units used: 6 of 6"), "\(calibrated.stdout)")
        let csv = try String(contentsOfFile: folder.path("out/cal/correlation.csv"), encoding: .utf8)
        #expect(!csv.lowercased().contains("e"), "exponent in \(csv)")
        let table = try CSVTable.parse(Data(csv.utf8), file: "correlation.csv")
        let entries = table.rows.flatMap { $0.fields.dropFirst().map { Double($0)! } }
        #expect(NearestCorrelation.smallestEigenvalue(size: 6, entries: entries) > 0)
        #expect(throws: Never.self) { _ = try CorrelationMatrix(size: 6, entries: entries) }

        let yaml = try String(contentsOfFile: folder.path("out/cal/calibration.yaml"), encoding: .utf8)
        #expect(yaml.contains("correlation: {matrix: \"../out/cal/correlation.csv\"}"), "\(yaml)")
        #expect(yaml.contains("byTag: {village-converted: 0.03}"), "\(yaml)")
        try folder.write("scenarios/pasted.yaml", Self.scenarioHead + yaml)
        let loaded = try ScenarioLoader().load(folder.path("scenarios/pasted.yaml"))
        guard case .matrix(let matrix) = loaded.scenario.reform.taxGrowth.correlation else {
            Issue.record("the pasted scenario has no matrix correlation")
            return
        }
        #expect(matrix.entries == entries)
        let ran = try run(["run", "scenarios/pasted.yaml", "--paths", "40", "--out", "out/pasted", "--quiet"])
        #expect(ran.status == 0, "\(ran.stderr)")

        // Without --matrix: the two-level section, pasted, validates and runs too.
        let twoLevel = try run(["calibrate", "scenarios/cal.yaml", "--history", "data/history.csv", "--out", "out/cal2"])
        #expect(twoLevel.status == 0, "\(twoLevel.stderr)")
        let section = try String(contentsOfFile: folder.path("out/cal2/calibration.yaml"), encoding: .utf8)
        #expect(section.contains("withinDistrict:") && section.contains("acrossDistricts:"), "\(section)")
        try folder.write("scenarios/pasted2.yaml", Self.scenarioHead + section)
        #expect(try run(["run", "scenarios/pasted2.yaml", "--paths", "40", "--out", "out/pasted2", "--quiet"]).status == 0)
    }

    /// Every problem of a history at once, FILE:LINE:COLUMN, exit 2 and nothing written.
    @Test func badHistoryReportsEveryProblemAndWritesNothing() throws {
        try setUp(history: """
            unit,year,tax
            a1,2020,100
            zz,2021,100
            a1,2026,100
            a1,2020,120
            a1,2022,-5
            a1,2023,1e3
            a1,twenty,5

            """)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        let result = try run(["calibrate", "scenarios/cal.yaml", "--history", "data/history.csv"])
        #expect(result.status == 2)
        for expected in [
            "data/history.csv:3:1: error: column 'unit': 'zz' is not a unit",
            "data/history.csv:4:2: error: unit 'a1', column 'year': 2026 is after the base year 2025",
            "data/history.csv:5:1: error: unit 'a1', year 2020: listed twice (first on line 2)",
            "data/history.csv:6:3: error: unit 'a1', column 'tax': found -5; tax cannot be negative",
            "data/history.csv:7:3: error: unit 'a1', column 'tax': found '1e3'; exponent notation is not allowed",
            "data/history.csv:8:2: error: unit 'a1', column 'year': found 'twenty'",
        ] {
            #expect(result.stderr.contains(expected), "missing \(expected) in\n\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == before)
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")))
    }

    /// A unit with fewer than 3 observations is dropped with a warning and keeps an empty row.
    @Test func droppedUnitKeepsItsRow() throws {
        let history = Self.history(years: 8, seed: 3).split(separator: "\n").filter { !$0.hasPrefix("b2,") || $0.hasSuffix("x") }
        try setUp(history: (history + ["b2,2024,700", "b2,2025,710"]).joined(separator: "\n") + "\n")
        let result = try run(["calibrate", "scenarios/cal.yaml", "--history", "data/history.csv", "--matrix"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: unit 'b2' has 1 growth observation (at least 3 needed): dropped"), "\(result.stderr)")
        let units = try String(contentsOfFile: folder.path("out/cal-calibration/units_growth.csv"), encoding: .utf8)
        #expect(units.split(separator: "\n").contains("b2,west,1,,"), "\(units)")
        #expect(result.stdout.contains("units used: 5 of 6 (dropped: b2)"), "\(result.stdout)")
    }

    @Test func plainNumberTextRoundTripsWithoutExponent() {
        #expect(NumberText.trimmed.text(1e-05) == "0.00001")
        #expect(NumberText.trimmed.text(-0.0) == "0")
        #expect(NumberText.trimmed.text(1) == "1")
        #expect(NumberText.trimmed.text(1.5e20) == "150000000000000000000")
        #expect(NumberText.trimmed.text(-0.123) == "-0.123")
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let value = (generator.uniform() - 0.5) * Foundation.pow(10, Double(Int(generator.uniform() * 30) - 20))
            let text = NumberText.trimmed.text(value)
            #expect(Double(text) == value && !text.contains("e"), "\(value) → \(text)")
        }
    }

    @Test func matrixPathIsRelativeToTheScenarioFolder() {
        #expect(CalibrationRun.relativePath(of: "/w/out/cal/correlation.csv", from: "/w/scenarios/s.yaml") == "../out/cal/correlation.csv")
        #expect(CalibrationRun.relativePath(of: "/w/out/correlation.csv", from: "/w/s.yaml") == "out/correlation.csv")
    }
}
