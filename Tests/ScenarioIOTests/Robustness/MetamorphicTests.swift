import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 14, item 5: metamorphic relations in the style of PTAXSIM's — changes to the input
/// that must change the output in a known way (or not at all), checked on whole run folders.
@Suite("Robustness: metamorphic relations")
struct MetamorphicTests {
    /// A unit of the test scenario: id, district, tags, tax, allocation, enterprise, collective,
    /// population, green area, greening fee. Values are chosen so that no pooled split ties.
    typealias Unit = (id: String, district: String, tags: String, money: [Double], population: Int, green: Int, fee: Double)

    static let units: [Unit] = [
        ("n1", "north", "pilot", [12_345.67, 901.23, 150.5, 0], 52_311, 17, 61.37),
        ("n2", "north", "", [8_761.09, 733.41, 90.25, 0], 41_207, 9, 47.83),
        ("n3", "north", "village-converted", [3_120.77, 655.19, 20, 310.4], 23_455, 31, 29.11),
        ("s1", "south", "pilot", [15_002.31, 1_022.87, 200.75, 0], 60_017, 13, 71.09),
        ("s2", "south", "", [6_543.21, 812.33, 60.5, 0], 37_019, 23, 39.67),
        ("s3", "south", "village-converted", [2_891.45, 598.71, 10, 288.3], 19_883, 27, 24.53),
        ("e1", "east", "pilot", [9_876.54, 877.77, 120.4, 0], 45_678, 19, 55.21),
        ("e2", "east", "", [4_567.89, 701.03, 45.6, 0], 33_211, 11, 33.79),
    ]

    /// The units file of `units` with every money cell × `scale`.
    static func unitsCSV(_ units: [Unit], scale: Double = 1) -> String {
        "id,name,district,tags,tax,allocation,enterprise_income,collective_income,population,green_area,fee_greening\n"
            + units.map { u in
                ([u.id, u.id.uppercased(), u.district, u.tags] + u.money.map { "\($0 * scale)" }
                    + ["\(u.population)", "\(u.green)", "\(u.fee * scale)"]).joined(separator: ",")
            }.joined(separator: "\n") + "\n"
    }

    /// The scenario over `districts`, every amount × `scale` (in 元 when the scale is 10,000).
    static func scenario(_ districts: [String], scale: Double = 1, paths: Int = 1) -> String {
        let amount = { (value: Double) in "\(value * scale)" }
        return """
            name: metamorphic
            years: {base: 2025, end: 2030}
            unit: \(scale == 10_000 ? "元" : "万元")
            seed: 77
            paths: \(paths)
            units: units.csv
            districts:
            \(districts.map { "  - {id: \($0), capacity: {maxShareOfRevenue: 0.04, maxAmount: \(amount(310))}}" }.joined(separator: "\n"))
            growth: {tax: 0.061, byTag: {village-converted: 0.043}, volatility: 0.05, correlation: {withinDistrict: 0.5, acrossDistricts: 0.2}}
            allocation: {indexation: 0.027}
            collective: {growth: 0.031}
            incentive: {elasticity: 0.05}
            restructuring: {exitRate: {2026: 0.2, 2029: 0.0}, taxYield: 0.25}
            rollout: {default: 2028, byTag: {pilot: 2026}}
            rebate:
              reference: fixed
              rebaseEveryYears: 3
              bands: [{upTo: \(amount(400)), rate: 0.3}, {rate: 0.45}]
              capPerUnit: \(amount(900))
            lineFees:
              - {id: greening, collectedColumn: fee_greening, growth: 0.033, transferShare: {2026: 0.5, 2028: 0.8}, allocationKey: {green_area: 0.7, population: 0.3}, taskCost: {indicator: green_area, unitCost: \(amount(0.61)), growth: 0.02}}
            donations:
              reserveShare: 0.1
              minimumPerUnit: \(amount(7))
              allocationKey: {population: 1}
              sources: [{id: firms, amount: {\(districts.map { "\($0): \(amount(333.3))" }.joined(separator: ", "))}, growth: 0.05, volatility: 0.15}]
            needs:
              - {id: staff, indicator: population, unitCost: \(amount(0.0171)), growth: 0.05}
            variants:
              - name: wider
                set: {rebate.bands: [{rate: 0.5}]}

            """
    }

    /// Runs `scenario` over `units` in a fresh folder: the run folder's files by name.
    func run(_ scenario: String, _ units: String) throws -> ScenarioRun {
        let folder = try TemporaryFolder()
        try folder.write("units.csv", units)
        let path = try folder.write("s.yaml", scenario)
        let before = try [path, folder.path("units.csv")].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let loaded = try ScenarioLoader().load(path)
        let result = try ScenarioRun(loaded, threads: 2)
        // The input files are never modified.
        let after = try [path, folder.path("units.csv")].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(before == after)
        return result
    }

    /// The rows of a CSV file of `run`, keyed by their key columns (variant, district, unit, year, metric).
    func rows(_ run: ScenarioRun, _ file: String) throws -> (header: [String], rows: [String: [String]]) {
        let csv = ParsedCSV(String(decoding: try #require(run.file(named: file)), as: UTF8.self))
        let keys = ["variant", "district", "unit", "year", "metric"].compactMap { csv.header.firstIndex(of: $0) }
        var rows: [String: [String]] = [:]
        for row in csv.rows where row.count == csv.header.count {
            rows[keys.map { row[$0] }.joined(separator: "|")] = row
        }
        #expect(rows.count > 10, "\(file) has too few rows to compare")
        return (csv.header, rows)
    }

    static let all = ["north", "south", "east"]

    @Test func reorderingUnitsPermutesRowsAndChangesNoValue() throws {
        var generator = SplitMix64(seed: 14)
        let shuffled = Self.units.shuffled(using: &generator)
        let original = try run(Self.scenario(Self.all), Self.unitsCSV(Self.units))
        let reordered = try run(Self.scenario(Self.all), Self.unitsCSV(shuffled))
        for file in ["units.csv", "districts.csv"] {
            let a = try rows(original, file), b = try rows(reordered, file)
            #expect(a.rows == b.rows, "\(file): rows differ after reordering (seed 14)")
        }
        // The order itself follows the file (model.md §13).
        let lines = String(decoding: try #require(reordered.file(named: "units.csv")), as: UTF8.self).split(separator: "\n")
        #expect(lines[1].contains(",\(shuffled.first { $0.district == "north" }!.id),"))
    }

    @Test func yuanTimesTenThousandScalesEveryMoneyCell() throws {
        let wan = try run(Self.scenario(Self.all), Self.unitsCSV(Self.units))
        let yuan = try run(Self.scenario(Self.all, scale: 10_000), Self.unitsCSV(Self.units, scale: 10_000))
        for file in ["units.csv", "districts.csv"] {
            let a = try rows(wan, file), b = try rows(yuan, file)
            #expect(a.rows.keys.sorted() == b.rows.keys.sorted())
            let text = ["variant", "district", "unit", "year", "adopted", "unit_name", "district_name"]
            for (key, row) in a.rows {
                let other = try #require(b.rows[key])
                for (index, column) in a.header.enumerated() where !text.contains(column) && !row[index].isEmpty {
                    let x = try #require(Double(row[index])), y = try #require(Double(other[index]), "\(file) \(key) \(column)")
                    let ratio = ["capacity_factor", "self_sufficiency"].contains(column) || column.hasPrefix("coverage_")
                    // A 万元 cell is rounded to 0.01 万元 = 100 元 (half of it, or one whole unit for the
                    // parts of a largest-remainder pool); a 元 cell to 0.01 元.
                    let tolerance = ratio ? 2e-6 : 100.01 + 1e-12 * abs(y)
                    #expect(abs((ratio ? x : x * 10_000) - y) <= tolerance, "\(file) \(key) \(column): \(x) 万元 vs \(y) 元")
                }
            }
        }
    }

    @Test func districtsInOneFileEqualEachInItsOwn() throws {
        let together = try run(Self.scenario(["north", "south"]), Self.unitsCSV(Self.units.filter { $0.district != "east" }))
        for district in ["north", "south"] {
            let alone = try run(Self.scenario([district]), Self.unitsCSV(Self.units.filter { $0.district == district }))
            for file in ["units.csv", "districts.csv"] {
                let whole = try rows(together, file).rows.filter { $0.value[1] == district }
                #expect(whole == (try rows(alone, file)).rows, "\(file): district \(district) differs when run alone")
            }
        }
    }

    @Test func anUnrelatedDistrictChangesNoOtherRow() throws {
        let two = try run(Self.scenario(["north", "south"]), Self.unitsCSV(Self.units.filter { $0.district != "east" }))
        let three = try run(Self.scenario(Self.all), Self.unitsCSV(Self.units))
        for file in ["units.csv", "districts.csv"] {
            let withEast = try rows(three, file).rows.filter { $0.value[1] != "east" }
            #expect(withEast == (try rows(two, file)).rows, "\(file): adding district east changed other rows")
        }
    }

    /// Monte Carlo: draws are keyed by position, so splitting or adding districts changes the
    /// draws; the means agree within 4 standard errors (SE from the p05–p95 spread).
    @Test(arguments: [false, true])
    func monteCarloMeansAgreeWithinFourStandardErrors(split: Bool) throws {
        let paths = 400
        let north = Self.units.filter { $0.district == "north" }
        let reference = split
            ? try run(Self.scenario(["north"], paths: paths), Self.unitsCSV(north))
            : try run(Self.scenario(["north", "south"], paths: paths), Self.unitsCSV(Self.units.filter { $0.district != "east" }))
        let changed = try run(Self.scenario(Self.all, paths: paths), Self.unitsCSV(Self.units))
        var compared = 0
        for file in ["units_quantiles.csv", "districts_quantiles.csv"] {
            let a = try rows(reference, file), b = try rows(changed, file)
            let mean = a.header.firstIndex(of: "mean")!, p05 = a.header.firstIndex(of: "p05")!, p95 = a.header.firstIndex(of: "p95")!
            for (key, row) in a.rows {
                let other = try #require(b.rows[key], "\(file): \(key) missing")
                guard let x = Double(row[mean]), let y = Double(other[mean]) else { continue }
                let spread = { (r: [String]) in (Double(r[p95])! - Double(r[p05])!) / (2 * 1.645) }
                let se = (pow(spread(row), 2) / Double(paths) + pow(spread(other), 2) / Double(paths)).squareRoot()
                // Rounding to the cent is the floor of the tolerance.
                #expect(abs(x - y) <= 4 * se + 0.011, "\(file) \(key): means \(x) and \(y), 4 SE = \(4 * se)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }
}
