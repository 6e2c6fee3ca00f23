import FiscalModel
import Foundation
import ScenarioIO
import Testing

@Suite("Written tables: conservation to the fen, order, format (model.md §9, §10, §13)")
struct OutputTests {
    /// Exact decimal sum of cells written with `precision` decimals, in units of 10^-precision.
    static func units(_ text: String) -> Int {
        let negative = text.hasPrefix("-")
        let digits = text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
        return (negative ? -1 : 1) * Int(digits)!
    }

    @Test(arguments: GoldenTests.scenarios)
    func poolsAddUpExactlyInTheCSV(name: String) {
        guard let loaded = loadScenario(Repository.path("scenarios/\(name).yaml")) else { return }
        let scenario = loaded.scenario
        let tables = ResultTables(scenario: scenario, result: Simulation(scenario).runDeterministic())
        let districts = ParsedCSV(tables.districtsCSV())
        let units = ParsedCSV(tables.unitsCSV())
        func cell(_ row: [String], _ table: ParsedCSV, _ column: String) -> Int { Self.units(row[table.column(column)!]) }
        for row in districts.rows {
            let key = row.prefix(3).joined(separator: ",")
            for fee in scenario.feeCategories {
                #expect(
                    cell(row, districts, "fees_collected_\(fee)")
                        == cell(row, districts, "fees_transferred_\(fee)") + cell(row, districts, "fees_retained_\(fee)"),
                    "\(key): \(fee) collected ≠ transferred + retained")
                let unitSum = units.rows.filter { $0[0] == row[0] && $0[1] == row[1] && $0[3] == row[2] }
                    .reduce(0) { $0 + cell($1, units, "fee_\(fee)") }
                #expect(unitSum == cell(row, districts, "fees_transferred_\(fee)"), "\(key): units' \(fee) ≠ transferred")
            }
            #expect(
                cell(row, districts, "fees_collected")
                    == cell(row, districts, "fees_transferred") + cell(row, districts, "fees_retained"), "\(key): fees")
            #expect(
                cell(row, districts, "donations_pooled")
                    == cell(row, districts, "donations_allocated") + cell(row, districts, "donations_retained")
                    + cell(row, districts, "donations_reserve"), "\(key): donations")
            let donated = units.rows.filter { $0[0] == row[0] && $0[1] == row[1] && $0[3] == row[2] }
                .reduce(0) { $0 + cell($1, units, "donations") }
            #expect(donated == cell(row, districts, "donations_allocated"), "\(key): units' donations ≠ allocated")
        }
        for row in units.rows {
            let feeSum = scenario.feeCategories.reduce(0) { $0 + cell(row, units, "fee_\($1)") }
            #expect(feeSum == cell(row, units, "fees_total"), "\(row.prefix(4)): fees_total")
        }
    }

    @Test func rowsComeInContractOrder() throws {
        let folder = try TemporaryFolder()
        try folder.write("units.csv", """
            id,district,tax,allocation
            b1,beta,100,10
            a1,alpha,100,10
            b2,beta,100,10
            """)
        let path = try folder.write("s.yaml", """
            name: order
            years: {base: 2025, end: 2027}
            units: units.csv
            districts: [{id: alpha}, {id: beta}]
            variants: [{name: v2, set: {growth.tax: 0.1}}]
            """)
        guard let loaded = loadScenario(path) else { return }
        let csv = ParsedCSV(ResultTables(scenario: loaded.scenario, result: Simulation(loaded.scenario).runDeterministic()).unitsCSV())
        let keys = csv.rows.map { $0.prefix(4).joined(separator: ",") }
        var expected: [String] = []
        for variant in ["counterfactual", "reform", "v2"] {
            for (district, unit) in [("alpha", "a1"), ("beta", "b1"), ("beta", "b2")] {
                for year in [2026, 2027] { expected.append("\(variant),\(district),\(unit),\(year)") }
            }
        }
        #expect(keys == expected)
        #expect(csv.rows.allSatisfy { $0[4] == "false" || $0[0] != "counterfactual" })
    }

    @Test func runFolderIsReplacedWhole() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("run")
        // A folder fiscal-sim wrote (its manifest lists the files); issue 23: only such a folder is replaced.
        let manifest = Data(#"{"tool": "fiscal-sim", "files": ["a.csv", "stale.csv", "run.json"]}"#.utf8)
        try RunFolder(target).write([("a.csv", Data("old".utf8)), ("stale.csv", Data("x".utf8)), ("run.json", manifest)])
        try RunFolder(target).write([("a.csv", Data("new".utf8))])
        let names = try FileManager.default.contentsOfDirectory(atPath: target.path)
        #expect(names == ["a.csv"], "the old folder's files must not survive")
        #expect(try String(contentsOf: target.appendingPathComponent("a.csv"), encoding: .utf8) == "new")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(siblings == ["run"], "no staging folder is left behind: \(siblings)")
    }

    @Test func excelOptionAddsAByteOrderMark() throws {
        guard let loaded = loadScenario(Repository.path("scenarios/siming-pilot.yaml")) else { return }
        let result = Simulation(loaded.scenario).runDeterministic()
        let files = try RunWriter(loaded: loaded, options: .init(excelBOM: true)).files(for: result)
        for file in files where file.name.hasSuffix(".csv") {
            #expect(file.data.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "\(file.name) lacks a BOM")
        }
        let plain = try RunWriter(loaded: loaded).files(for: result)
        #expect(plain.allSatisfy { $0.data.prefix(3) != Data([0xEF, 0xBB, 0xBF]) })
    }
}
