import FiscalModel
import Foundation
import RealModule
import Testing

@testable import ScenarioIO

/// A plain decimal cell as an integer count of 10^-precision (exact money comparison).
func scaled(_ text: String, precision: Int = 2, sourceLocation: SourceLocation = #_sourceLocation) -> Int128? {
    guard !text.isEmpty else { return nil }
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    #expect(fraction.count == precision, "\(text) does not have \(precision) decimals", sourceLocation: sourceLocation)
    guard let value = Int128(String(parts[0]) + fraction) else { return nil }
    return negative ? -value : value
}

/// Issue 4, item 3: `comparison.csv` and `groups.csv`.
@Suite("comparison.csv and groups.csv")
struct ComparisonTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Every comparison cell checked against districts.csv and units.csv of the same run.
    @Test(arguments: ExplainTests.shipped)
    func comparisonAgreesWithTheOtherTables(_ relative: String) throws {
        let scenario = try ScenarioLoader().load(Repository.path(relative)).scenario
        let result = Simulation(scenario).runDeterministic()
        let tables = ResultTables(scenario: scenario, result: result)
        let districts = try OutputTable(tables.districtsCSV(), keyColumns: ["variant", "district", "year"])
        let units = ParsedCSV(tables.unitsCSV())
        let comparison = ParsedCSV(ComparisonTable(scenario: scenario, result: result).csv())
        #expect(comparison.header == ComparisonTable.columns)
        #expect(comparison.rows.count == result.variants.count * scenario.districts.count * scenario.horizon.count)
        func cell(_ row: [String], _ column: String) -> String { row[comparison.column(column)!] }
        for row in comparison.rows {
            let (variant, district, year) = (cell(row, "variant"), cell(row, "district"), cell(row, "year"))
            for metric in ["net_revenue", "rebates", "fees_transferred", "donations_allocated"] {
                let value = cell(row, metric)
                #expect(value == districts.cell("\(variant)|\(district)|\(year)", metric), "\(variant) \(district) \(year) \(metric)")
                for (suffix, other) in [("_vs_counterfactual", "counterfactual"), ("_vs_reform", "reform")] {
                    let otherValue = try #require(districts.cell("\(other)|\(district)|\(year)", metric))
                    #expect(scaled(cell(row, metric + suffix)) == scaled(value)! - scaled(otherValue)!, "\(variant) \(district) \(year) \(metric + suffix)")
                }
            }
            let members = units.rows.filter {
                $0[units.column("variant")!] == variant && $0[units.column("district")!] == district && $0[units.column("year")!] == year
            }
            let withGap = members.filter { $0[units.column("gap")!].hasPrefix("-") }.count
            #expect(Int(cell(row, "units_with_gap")) == withGap, "\(variant) \(district) \(year) units_with_gap")
            let ratios = members.compactMap { Double($0[units.column("self_sufficiency")!]) }
            let mean = ratios.reduce(0, +) / Double(ratios.count)
            let written = try #require(Double(cell(row, "mean_self_sufficiency")))
            #expect(written.isApproximatelyEqual(to: mean, absoluteTolerance: 1e-6), "\(variant) \(district) \(year): \(written) vs \(mean)")
        }
    }

    /// Two pilots and two other units, no growth but tax growth 10 %, rebate 50 % of the
    /// increment over the fixed base, need 50 each. Worked by hand in the comments.
    func handScenario(pilotYear: Int) throws -> (Scenario, RunResult) {
        try folder.write("units.csv", """
            id,district,tags,tax,allocation,staff
            p1,d,pilot,100,50,5
            p2,d,pilot,200,60,5
            r1,d,,100,40,5
            r2,d,,300,70,5

            """)
        let path = try folder.write("s.yaml", """
            name: did
            years: {base: 2025, end: 2027}
            units: units.csv
            districts: [{id: d}]
            growth: {tax: 0.1}
            rollout: {default: never, byTag: {pilot: \(pilotYear)}}
            rebate: {bands: [{rate: 0.5}]}
            needs: [{id: staff, indicator: staff, unitCost: 10}]
            """)
        let scenario = try ScenarioLoader().load(path).scenario
        return (scenario, Simulation(scenario).runDeterministic())
    }

    func groupRows(_ scenario: Scenario, _ result: RunResult) -> [String: [String: String]] {
        let table = ParsedCSV(GroupTable(scenario: scenario, result: result).csv())
        var rows: [String: [String: String]] = [:]
        for row in table.rows {
            let fields = Dictionary(uniqueKeysWithValues: zip(table.header, row))
            rows["\(fields["variant"]!)|\(fields["year"]!)|\(fields["tag"]!)|\(fields["group"]!)"] = fields
        }
        return rows
    }

    @Test func differenceInDifferencesWithPilotsAdoptingInTheFirstYearUsesTheBaseYear() throws {
        let (scenario, result) = try handScenario(pilotYear: 2026)
        let rows = groupRows(scenario, result)
        #expect(GroupTable(scenario: scenario, result: result).tags == ["pilot"])
        // Base year gaps (allocation − 50): p1 0, p2 10 | r1 −10, r2 20 → difference 5 − 5 = 0.
        // 2026: rebates 0.5 × 0.1 × T(b) = 5 and 10 → gaps 5, 20 (mean 12.5) vs −10, 20 (mean 5).
        let with2026 = try #require(rows["reform|2026|pilot|with"])
        #expect(with2026["units"] == "2" && with2026["rebate"] == "15.00" && with2026["gap"] == "25.00")
        #expect(with2026["mean_gap"] == "12.50" && with2026["units_with_gap"] == "0")
        #expect(with2026["gap_did"] == "7.50" && with2026["did_before_year"] == "2025")
        let without2026 = try #require(rows["reform|2026|pilot|without"])
        #expect(without2026["mean_gap"] == "5.00" && without2026["units_with_gap"] == "1" && without2026["gap_did"] == "")
        // 2027: rebates 0.5 × 0.21 × T(b) = 10.5 and 21 → mean gap 20.75 vs 5.
        #expect(rows["reform|2027|pilot|with"]?["gap_did"] == "15.75")
        // Nothing is adopted in the counterfactual: no DiD.
        #expect(rows["counterfactual|2027|pilot|with"]?["gap_did"] == "")
        #expect(rows["counterfactual|2027|pilot|with"]?["rebate"] == "0.00")
    }

    @Test func differenceInDifferencesWithALaterAdoptionUsesTheYearBefore() throws {
        let (scenario, result) = try handScenario(pilotYear: 2027)
        let rows = groupRows(scenario, result)
        // 2026 (before): no rebate, gaps 0, 10 vs −10, 20 → difference 0; no DiD yet.
        #expect(rows["reform|2026|pilot|with"]?["gap_did"] == "")
        // 2027: base T(2026) = 1.1 T(b); rebate 0.5 × 0.11 × T(b) = 5.5 and 11 → mean 13.25 vs 5.
        #expect(rows["reform|2027|pilot|with"]?["gap_did"] == "8.25")
        #expect(rows["reform|2027|pilot|with"]?["did_before_year"] == "2026")
    }

    @Test func runFolderHasBothTablesAndChineseHeadersOnRequest() throws {
        let loaded = try ScenarioLoader().load(Repository.path("scenarios/siming-pilot.yaml"))
        let result = Simulation(loaded.scenario).runDeterministic()
        let english = try RunWriter(loaded: loaded).files(for: result)
        #expect(english.map(\.name).contains("comparison.csv") && english.map(\.name).contains("groups.csv"))
        let chinese = try RunWriter(loaded: loaded, options: .init(excelBOM: true, chineseHeaders: true)).files(for: result)
        for (en, zh) in zip(english, chinese) where en.name.hasSuffix(".csv") {
            let bytes = [UInt8](zh.data)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(zh.name) has no byte-order mark")
            let enText = String(decoding: en.data, as: UTF8.self)
            let zhText = String(decoding: zh.data.dropFirst(3), as: UTF8.self)
            let enLines = enText.split(separator: "\n", omittingEmptySubsequences: false)
            let zhLines = zhText.split(separator: "\n", omittingEmptySubsequences: false)
            // Only the header row changes; every column gets a distinct Chinese label.
            #expect(Array(enLines.dropFirst()) == Array(zhLines.dropFirst()), "\(en.name): data rows differ")
            let header = CSVRecords.header(zh.data)
            #expect(header.count == CSVRecords.header(en.data).count)
            #expect(Set(header).count == header.count, "\(en.name): duplicate Chinese labels \(header)")
            #expect(header.allSatisfy { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }, "\(en.name): \(header)")
        }
        // The data package names the fields as the CSVs head them, the English contract name as title.
        let package = try #require(chinese.first { $0.name == "datapackage.json" }?.data)
        let json = try #require(try JSONSerialization.jsonObject(with: package) as? [String: Any])
        let resources = try #require(json["resources"] as? [[String: Any]])
        let fields = try #require((resources.first?["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.contains { $0["name"] as? String == "增量返还" && $0["title"] as? String == "rebate" })
        let key = (resources.first?["schema"] as? [String: Any])?["primaryKey"] as? [String]
        #expect(key == ChineseHeaders.translate(["variant", "district", "unit", "year"]))
    }
}
