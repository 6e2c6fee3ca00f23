import FiscalModel
import Testing

@Suite("Step functions (model.md §3, §13)")
struct StepFunctionTests {
    @Test func valueInForceIsTheGreatestKeyNotAfterTheYear() {
        let f = StepFunction(steps: [2029: 0.5, 2026: 0.3])
        #expect(f.value(in: 2026) == 0.3)
        #expect(f.value(in: 2028) == 0.3)
        #expect(f.value(in: 2029) == 0.5)
        #expect(f.value(in: 2040) == 0.5)
        #expect(f.firstYear == 2026)
        #expect(!f.isConstant)
    }

    @Test func scalarIsAlwaysInForce() {
        let f = StepFunction(0.06)
        #expect(f.isConstant)
        #expect(f.value(in: 1900) == 0.06)
        #expect(f.value(in: 2100) == 0.06)
    }

    @Test func growthUnderAStepRateCompoundsYearByYear() {
        // Π_{u=b+1..t}(1+g(u)): 2026 at 10 %, 2027 at 10 %, 2028 on at 0 %, 2030 at −50 %.
        let f = StepFunction(steps: [2026: 0.1, 2028: 0, 2030: -0.5])
        let index = f.growthIndex(over: Horizon(baseYear: 2025, endYear: 2030))
        let expected = [1.1, 1.21, 1.21, 1.21, 0.605]
        for (got, want) in zip(index, expected) { expectAmount(got, want, tolerance: 1e-12, "index") }
    }

    @Test func horizonIndexesProjectedYears() {
        let horizon = Horizon(baseYear: 2025, endYear: 2035)
        #expect(horizon.count == 10)
        #expect(horizon.firstYear == 2026)
        #expect(horizon.index(of: 2026) == 0)
        #expect(horizon.year(at: 9) == 2035)
    }
}
