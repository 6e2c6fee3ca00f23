import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// The sweep point's batch driver (`HorizonBatchDriver`, interpretation E21) stops a batch at its
/// first limit violation (model.md §19) in the order each point runs its year: a point with
/// waves advances the counterfactual first (its waves decide on it), a plain point the reform
/// first. Street 中华's tax set to 9.5 × 10¹⁴ passes 10¹⁵ in 2026 in both runs, so the run
/// reported is the one that ran first — for any number of threads.
@Suite("Waves: sweep point limits")
struct WaveSweepGuardTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func scenario(_ name: String) throws -> Scenario {
        let units = try String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8)
        let edited = units.replacingOccurrences(of: "zhonghua,中华,siming,pilot,14000.00", with: "zhonghua,中华,siming,pilot,950000000000000.00")
        #expect(edited != units)
        try folder.write("data/siming-streets.csv", edited)
        let text = try String(contentsOfFile: Repository.path("scenarios/\(name).yaml"), encoding: .utf8)
        return try ScenarioLoader().load(try folder.write("\(name).yaml", text)).scenario
    }

    @Test(arguments: [1, 2])
    func firstRunOfTheYearIsReported(threads: Int) throws {
        let waves = try scenario("siming-rollout")
        let gated = try #require(HorizonSimulation.run(waves, paths: 150, seed: 7, threads: threads).limitViolation)
        #expect(gated.variant == Variant.counterfactualName && gated.place == .unit("zhonghua") && gated.year == 2026 && gated.column == "tax")
        let plain = try scenario("siming-pilot")
        let fixed = try #require(HorizonSimulation.run(plain, paths: 150, seed: 7, threads: threads).limitViolation)
        #expect(fixed.variant == Variant.reformName && fixed.place == .unit("zhonghua") && fixed.year == 2026)
        // With the counterfactual's sums known it is not simulated: the reform's violation.
        let known = Array(repeating: 0.0, count: plain.districts.count * 150)
        let alone = try #require(HorizonSimulation.run(plain, paths: 150, seed: 7, threads: threads, counterfactualNetRevenue: known).limitViolation)
        #expect(alone.variant == Variant.reformName && alone.year == 2026)
    }
}
