import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21 / model.md §22: `brief.csv` of a deterministic run.
///
/// The Siming figures were read off `districts.csv` and `units.csv` of `fiscal-sim run
/// scenarios/siming-pilot.yaml` by hand (and by a separate Python reading of those files):
/// Σ reform_effect = 20,147.10; negative cells 2026–2031; lowest 2030 at −3,522.13, over that
/// year's counterfactual net revenue −1.9575 %; running total ≥ 0 from 2034; capacity_factor
/// below 1 in 2030, 2031, 2033, 2034, lowest 0.629238.
@Suite("brief.csv: the planner's answer first")
struct BriefTests {
    static func siming() throws -> (Scenario, RunResult, [BriefRow]) {
        let loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        let result = try Simulation(loaded.scenario).runDeterministic().checked()
        return (loaded.scenario, result, DeterministicBrief.rows(scenario: loaded.scenario, result: result))
    }

    @Test func simingReformMatchesTheHandReadFigures() throws {
        let (scenario, result, rows) = try Self.siming()
        let csv = ParsedCSV(BriefTable.csv(rows, scenario: scenario))
        #expect(csv.header == BriefColumns.deterministic)
        #expect(csv.rows.count == 2 * (result.variants.count - 1), "one row per district and one all row per reported variant")
        #expect(!csv.rows.contains { $0[0] == Variant.counterfactualName })
        let reform = try #require(csv.rows.first { $0[0] == "reform" && $0[1] == "siming" })
        func cell(_ name: String) -> String { reform[csv.column(name)!] }
        #expect(cell("reform_effect_total") == "20147.10")
        #expect(cell("loss_years") == "2026;2027;2028;2029;2030;2031")
        #expect(cell("worst_year") == "2030")
        #expect(cell("worst_reform_effect") == "-3522.13")
        #expect(cell("worst_share_of_revenue") == "-0.019575")
        #expect(cell("payback_year") == "2034")
        #expect(cell("capacity_binding_years") == "2030;2031;2033;2034")
        #expect(cell("min_capacity_factor") == "0.629238")
        #expect(cell("units_with_gap") == "0" && cell("gap_units") == "" && cell("gap_total") == "0.00")
        // discountRate 0: the unrounded yearly values summed and rounded once.
        #expect(cell("present_value") == "20147.10")
        let fast = try #require(csv.rows.first { $0[0] == "fast-rollout" && $0[1] == "siming" })
        #expect(fast[csv.column("gap_units")!] == "鼓浪屿" && fast[csv.column("gap_total")!] == "-208.41")
        let linked = try #require(csv.rows.first { $0[0] == "linked-1-0.3" && $0[1] == "siming" })
        #expect(linked[csv.column("payback_year")!] == "", "the linked rule never pays back")
        #expect(linked[csv.column("min_capacity_factor")!] == "1.000000")
    }

    /// Every row's total is the sum of the `districts.csv` cells the planner sees, and the all
    /// row is the sum of its districts, on the multi-district shipped scenario.
    @Test func totalsAreSumsOfTheWrittenCells() throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/pilot-districts.yaml")))
        let scenario = loaded.scenario
        let result = try Simulation(scenario).runDeterministic().checked()
        let districts = ParsedCSV(ResultTables(scenario: scenario, result: result).districtsCSV())
        let rows = DeterministicBrief.rows(scenario: scenario, result: result)
        #expect(rows.count == (scenario.districts.count + 1) * (result.variants.count - 1))
        for row in rows where row.district != DeterministicBrief.allDistricts {
            let cells = districts.rows.filter { $0[0] == row.variant && $0[1] == row.district }
            let total = cells.reduce(Int128(0)) { $0 + cents($1[districts.column("reform_effect")!]) }
            #expect(row.reformEffectTotal.units == total, "\(row.variant)/\(row.district)")
            let minimum = cells.map { Double($0[districts.column("capacity_factor")!])! }.min()!
            #expect(abs(row.minCapacityFactor - minimum) < 5e-7)
        }
        for variant in Set(rows.map(\.variant)) {
            let parts = rows.filter { $0.variant == variant && $0.district != DeterministicBrief.allDistricts }
            let all = try #require(rows.first { $0.variant == variant && $0.district == DeterministicBrief.allDistricts })
            #expect(all.reformEffectTotal == parts.map(\.reformEffectTotal).reduce(.zero, +))
            #expect(all.unitsWithGap == parts.map(\.unitsWithGap).reduce(0, +))
            #expect(all.gapTotal == parts.map(\.gapTotal).reduce(.zero, +))
            #expect(Set(all.capacityBindingYears) == Set(parts.flatMap(\.capacityBindingYears)))
            #expect(all.minCapacityFactor == parts.map(\.minCapacityFactor).min())
        }
    }

    @Test func paybackIsTheFirstYearTheRunningTotalStaysNonNegative() {
        func payback(_ cents: [Int128]) -> Int? {
            BriefRow.paybackYear(
                years: Array(2026..<(2026 + cents.count)), yearly: cents.map { ScaledAmount(units: $0, precision: 2) },
                zero: ScaledAmount(units: 0, precision: 2))
        }
        #expect(payback([100, 200]) == 2026)
        #expect(payback([-100, 50, 50, 10]) == 2028, "the running total reaches 0 in 2028 and stays there")
        #expect(payback([-100, 200, -150, 100]) == 2029, "≥ 0 in 2027, below 0 again in 2028")
        #expect(payback([-100, 50]) == nil)
    }

    /// Present value with a rate: Σ effect(t)·1.05^−(t−b), computed here from the unrounded
    /// yearly values, rounded once.
    @Test func presentValueDiscountsFromTheBaseYear() throws {
        var (scenario, result, _) = try Self.siming()
        scenario.discountRate = 0.05
        let rows = DeterministicBrief.rows(scenario: scenario, result: result)
        let reform = try #require(result.variant("reform"))
        var expected = 0.0
        for year in reform.districts[0] { expected += year.reformEffect / pow(1.05, Double(year.year - 2025)) }
        #expect(rows[0].presentValue == scenario.moneyRounding.round(expected))
        #expect(rows[0].presentValue != rows[0].reformEffectTotal)
    }

    @Test func discountRateMustBeOneNonNegativeNumber() throws {
        let folder = try TemporaryFolder()
        let source = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Repository.path("scenarios/data/siming-streets.csv"), toPath: folder.path("data/siming-streets.csv"))
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("paths:") }! + 2
        for (value, words) in [("{2026: 0.03, 2030: 0.02}", "not a step function"), ("-0.03", "must be ≥ 0")] {
            let text = source.replacingOccurrences(of: "\npaths: 1\n", with: "\npaths: 1\ndiscountRate: \(value)\n")
            let errors = loadErrors(try folder.write("s.yaml", text))
            #expect(errors.count == 1)
            #expect(errors.first?.line == line && errors.first?.column == 15, "\(errors)")
            #expect(errors.first?.message.contains(words) == true, "\(errors)")
        }
        let valid = source.replacingOccurrences(of: "\npaths: 1\n", with: "\npaths: 1\ndiscountRate: 0.03\n")
        #expect(loadScenario(try folder.write("s.yaml", valid))?.scenario.discountRate == 0.03)
    }
}

/// The cents of the decimal `text` with two decimals (exact, from its digits).
private func cents(_ text: String) -> Int128 {
    let digits = text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
    return (text.hasPrefix("-") ? -1 : 1) * Int128(digits)!
}
