import FiscalModel
import Testing

/// One unit, tax 1000 in 2025 growing 10 % a year, adopting in 2027:
/// T = 1100 (2026), 1210, 1331, 1464.1, 1610.51 (2030).
@Suite("Rebate reference, rebase, indexation, term (model.md §6.1, §13)")
struct RebateTests {
    static func run(
        _ rebate: RebatePolicy, adoption: AdoptionYear = .year(2027), planned: [Int: Double] = [:],
        elasticity: Double = 0
    ) -> [UnitYear] {
        var unit = Fixture.unit("a", tax: 1000)
        unit.plannedTax = planned
        let scenario = Fixture.scenario(units: [unit]) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.rollout = RolloutPolicy(defaultYear: adoption)
            policy.rebate = rebate
            policy.incentiveElasticity = StepFunction(elasticity)
        }
        return Array(Fixture.reform(scenario).units[0])
    }

    static func expectRows(
        _ rows: some Sequence<UnitYear>, references: [Double?], increments: [Double], rebates: [Double],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (index, row) in rows.enumerated() {
            if let reference = references[index] {
                expectAmount(row.reference, reference, "reference \(row.year)", sourceLocation: sourceLocation)
            } else {
                #expect(row.reference == nil, "reference \(row.year) should be empty", sourceLocation: sourceLocation)
            }
            expectAmount(row.increment, increments[index], "increment \(row.year)", sourceLocation: sourceLocation)
            expectAmount(row.rebate, rebates[index], "rebate \(row.year)", sourceLocation: sourceLocation)
        }
    }

    @Test func fixedReferenceIsTheTaxOfTheYearBeforeAdoption() {
        let rows = Self.run(Fixture.rebate(rate: 0.5))
        Self.expectRows(
            rows, references: [nil, 1100, 1100, 1100, 1100], increments: [0, 110, 231, 364.1, 510.51],
            rebates: [0, 55, 115.5, 182.05, 255.255])
        #expect(rows.map(\.adopted) == [false, true, true, true, true])
    }

    @Test func fixedReferenceRebasesEveryKYears() {
        // Periods start 2027 and 2029: R = T(2026) then T(2028).
        let rows = Self.run(Fixture.rebate(rate: 1, rebase: 2))
        Self.expectRows(
            rows, references: [nil, 1100, 1100, 1331, 1331], increments: [0, 110, 231, 133.1, 279.51],
            rebates: [0, 110, 231, 133.1, 279.51])
    }

    @Test func indexedBaseGrowsFromTheAdoptionYear() {
        // R(t) = T(α−1)·(1+q)^(t−α+1) with q = 5 %.
        let rows = Self.run(Fixture.rebate(rate: 1, growth: 0.05))
        Self.expectRows(
            rows, references: [nil, 1155, 1212.75, 1273.3875, 1337.056875],
            increments: [0, 55, 118.25, 190.7125, 273.453125], rebates: [0, 55, 118.25, 190.7125, 273.453125])
    }

    @Test func indexRestartsWithEachRebasingPeriod() {
        let rows = Self.run(Fixture.rebate(rate: 1, rebase: 2, growth: 0.05))
        Self.expectRows(
            rows, references: [nil, 1155, 1212.75, 1397.55, 1467.4275],
            increments: [0, 55, 118.25, 66.55, 143.0825], rebates: [0, 55, 118.25, 66.55, 143.0825])
    }

    @Test func rollingReferenceIsLastYearsTax() {
        let rows = Self.run(Fixture.rebate(rate: 1, reference: .rolling))
        Self.expectRows(
            rows, references: [nil, 1100, 1210, 1331, 1464.1], increments: [0, 110, 121, 133.1, 146.41],
            rebates: [0, 110, 121, 133.1, 146.41])
    }

    @Test func modesDifferWhenTaxFalls() {
        // Planned tax dips: 1100, 900, 1000, 1200, 1150.
        let planned = [2026: 1100.0, 2027: 900, 2028: 1000, 2029: 1200, 2030: 1150]
        Self.expectRows(
            Self.run(Fixture.rebate(rate: 1, reference: .ratchet), planned: planned),
            references: [nil, 1100, 1100, 1100, 1200], increments: [0, 0, 0, 100, 0], rebates: [0, 0, 0, 100, 0])
        Self.expectRows(
            Self.run(Fixture.rebate(rate: 1, reference: .rolling), planned: planned),
            references: [nil, 1100, 900, 1000, 1200], increments: [0, 0, 100, 200, 0], rebates: [0, 0, 100, 200, 0])
        Self.expectRows(
            Self.run(Fixture.rebate(rate: 1, reference: .fixed), planned: planned),
            references: [nil, 1100, 1100, 1100, 1100], increments: [0, 0, 0, 100, 50], rebates: [0, 0, 0, 100, 50])
    }

    @Test func termEndsTheRebateAndTheIncentive() {
        // ε = 0.2 at rate 0.5 adds 10 points of growth in 2027–2028 only.
        let rows = Self.run(Fixture.rebate(rate: 0.5, term: 2), elasticity: 0.2)
        let taxes = [1100, 1100 * 1.2, 1100 * 1.2 * 1.2, 1100 * 1.2 * 1.2 * 1.1, 1100 * 1.2 * 1.2 * 1.1 * 1.1]
        for (row, tax) in zip(rows, taxes) { expectAmount(row.tax, tax, "tax \(row.year)") }
        Self.expectRows(
            rows, references: [nil, 1100, 1100, nil, nil], increments: [0, 220, 484, 0, 0], rebates: [0, 110, 242, 0, 0])
    }

    @Test func adoptionBeforeTheProjectionMeansFirstProjectedYear() {
        let rows = Self.run(Fixture.rebate(rate: 1), adoption: .year(2010))
        #expect(rows[0].adopted)
        expectAmount(rows[0].reference, 1000, "base is T(b)")
        expectAmount(rows[0].rebate, 100, "rebate 2026")
    }

    @Test func neverAdoptingUnitGetsNothing() {
        let rows = Self.run(Fixture.rebate(rate: 1), adoption: .never)
        #expect(rows.allSatisfy { !$0.adopted && $0.reference == nil && $0.rebate == 0 })
    }

    @Test func villageConvertedUnitsAreExcludedByDefault() {
        let units = [Fixture.unit("a"), Fixture.unit("v", tags: ["village-converted"])]
        let scenario = Fixture.scenario(units: units) { policy in
            policy.taxGrowth.rate = StepFunction(0.1)
            policy.rebate = Fixture.rebate(rate: 1)
            policy.incentiveElasticity = StepFunction(0.5)
        }
        let result = Fixture.reform(scenario)
        expectAmount(result.units[0][0].rebate, 600, "eligible unit: growth 0.1 + 0.5 × 1, base 1000")
        #expect(result.units[1][0].adopted)
        #expect(result.units[1][0].rebate == 0 && result.units[1][0].reference == nil)
        expectAmount(result.units[1][0].tax, 1100, "no incentive for the excluded unit")
    }

    @Test func bandsAndStepRatesApplyPerYear() {
        let rebate = RebatePolicy.increment(
            reference: .fixed,
            bands: [
                .init(upTo: StepFunction(100), rate: StepFunction(steps: [2026: 0.2, 2028: 0.4])),
                .init(upTo: nil, rate: StepFunction(0.5)),
            ])
        let rows = Self.run(rebate)
        // 2027: I = 110 → 0.2·100 + 0.5·10 = 25; 2028: I = 231 → 0.4·100 + 0.5·131 = 105.5.
        expectAmount(rows[1].rebate, 25, "2027")
        expectAmount(rows[2].rebate, 105.5, "2028")
    }
}
