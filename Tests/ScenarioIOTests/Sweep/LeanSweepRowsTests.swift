import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// A deterministic sweep point's rows come from a lean projection that keeps only district sums,
/// the rounded pool splits and the last year's units (issue 22): they must be the rows of the
/// full projection and `ComparisonTable` (`ReferenceSweepRows`), limit violations included.
@Suite("Sweep: lean point rows equal the full projection's (issue 22)")
struct LeanSweepRowsTests {
    /// A scenario drawn from `seed`: 1–3 districts, 1–12 units, precision 0–3, either rounding
    /// rule, tight or loose capacity, one or two fee categories, donations with or without a
    /// floor, task costs (need) from nothing to more than the resources, sometimes a growth that breaks model.md §19's limits; written into `folder`.
    static func generated(seed: UInt64, in folder: TemporaryFolder) throws -> String {
        var random = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        func money(_ scale: Double) -> String { String(format: "%.*f", Int.random(in: 0...3, using: &random), Double.random(in: 0...scale, using: &random)) }
        func share() -> String { String(format: "%.3f", Double.random(in: 0.005...0.3, using: &random)) }
        let districts = Int.random(in: 1...3, using: &random)
        var csv = "id,name,district,tags,tax,allocation,population,green_area,fee_greening,fee_roads\n"
        for i in 0..<Int.random(in: districts...12, using: &random) {
            let tag = Bool.random(using: &random) ? "pilot" : ""
            csv += "u\(i),Unit \(i),d\(i % districts),\(tag),\(money(5000)),\(money(900)),"
                + "\(Int.random(in: 0...50_000, using: &random)),\(money(60)),\(money(150)),\(money(80))\n"
        }
        try folder.write("units.csv", csv)
        let capacity = (0..<districts).map { d in
            switch Int.random(in: 0...3, using: &random) {
            case 0: "{id: d\(d)}"
            case 1: "{id: d\(d), capacity: {maxAmount: \(money(400))}}"
            default: "{id: d\(d), capacity: {maxShareOfRevenue: \(share())}}"
            }
        }
        let growth = [0.05, -0.02, 0.12, Double.random(in: 0...0.2, using: &random), 10][Int.random(in: 0...4, using: &random)]
        // Growth of 1000 % a year for 12 years takes tax beyond 10^15 (model.md §19).
        let end = growth == 10 ? 2037 : 2026 + Int.random(in: 0...8, using: &random)
        let secondFee = Bool.random(using: &random)
            ? "\n  - {id: roads, collectedColumn: fee_roads, growth: 0.04, transferShare: \(share()), allocationKey: {population: 1}}" : ""
        let floor = Bool.random(using: &random) ? "\n  minimumPerUnit: \(money(300))" : ""
        let amounts = (0..<districts).map { "d\($0): \(money(3000))" }.joined(separator: ", ")
        return try folder.write("s.yaml", """
            name: lean-\(seed)
            years: {base: 2025, end: \(end)}
            precision: \(Int.random(in: 0...3, using: &random))
            rounding: \(Bool.random(using: &random) ? "half-up" : "half-even")
            units: units.csv
            districts: [\(capacity.joined(separator: ", "))]
            growth: {tax: \(growth)}
            rollout: {default: \(Bool.random(using: &random) ? "2027" : "never"), byTag: {pilot: 2026}}
            rebate: {reference: fixed, bands: [{upTo: \(money(400)), rate: \(share())}, {rate: \(share())}]}
            lineFees:
              - {id: greening, collectedColumn: fee_greening, growth: 0.03, transferShare: \(share()), allocationKey: {green_area: 0.6, population: 0.4}, taskCost: {indicator: green_area, unitCost: \(money(200)), growth: 0.03}}\(secondFee)
            donations:
              reserveShare: \(share())\(floor)
              allocationKey: {population: 1}
              sources: [{id: firms, amount: {\(amounts)}, growth: 0.05}]
            """)
    }

    /// The lean rows of `scenario`, or the violation that stopped them.
    static func lean(_ scenario: Scenario) -> Result<[[String]], ProjectionLimitViolation> {
        Result { () throws(ProjectionLimitViolation) in try SweepMetrics.deterministicRows(scenario) }
    }

    @Test("generated scenarios, 60 seeds")
    func generatedScenarios() throws {
        var checked = 0, violations = 0, binding = 0, gaps = 0
        for seed in UInt64(1)...60 {
            let folder = try TemporaryFolder()
            guard let loaded = loadScenario(try Self.generated(seed: seed, in: folder)) else {
                Issue.record("seed \(seed): the generated scenario did not load")
                continue
            }
            let want = ReferenceSweepRows.rows(loaded.scenario)
            #expect(Self.lean(loaded.scenario) == want, "seed \(seed)")
            checked += 1
            switch want {
            case .failure: violations += 1
            case .success(let rows):
                // capacity_binding_years and units_with_gap of the all row.
                if rows.last![6] != "0" { binding += 1 }
                if rows.last![7] != "0" { gaps += 1 }
            }
        }
        #expect(checked == 60)
        #expect(violations > 0 && violations < checked, "the seeds should reach the limits sometimes: \(violations)")
        #expect(binding > 0 && gaps > 0, "the seeds should bind capacity (\(binding)) and leave gaps (\(gaps)) sometimes")
    }

    @Test("every point of seeded grids on the shipped scenarios (waves, fees, floors, capacity)",
          arguments: [UInt64(7), 22, 2026])
    func shippedGrids(seed: UInt64) throws {
        var random = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        func value(_ range: ClosedRange<Double>) -> String { String(Double.random(in: range, using: &random)) }
        for scenario in [SweepRun.siming, SweepRun.pilot, Repository.path("scenarios/siming-rollout.yaml")] {
            let plan = try SweepRun.plan(
                scenario, grid: ["rebate.bands.0.rate=\(value(0...0.6)),\(value(0...0.6))",
                                 "incentive.elasticity=\(value(0...0.3)),\(value(0...0.3))"])
            for (number, point) in plan.scenarios.enumerated() {
                #expect(Self.lean(point) == ReferenceSweepRows.rows(point), "seed \(seed) \(scenario) point \(number + 1)")
            }
        }
    }
}
