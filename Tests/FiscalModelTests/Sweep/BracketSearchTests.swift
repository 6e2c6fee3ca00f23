import FiscalModel
import Testing

/// `solve`'s scan, bracket and bisection (model.md §15.2) on functions whose answers are known.
@Suite("Solve search")
struct BracketSearchTests {
    @Test("a root is bracketed by the scan and refined to the tolerance")
    func realRoot() {
        let search = BracketSearch(lo: 0, hi: 1, target: 0.3, integer: false)
        #expect(search.scanPoints == [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1])
        let outcome = search.run { (xs: [Double]) -> [Double] in xs.map { $0 * $0 + 0.05 } }
        // x² + 0.05 = 0.3 at x = 0.5; it is a scan point, so f = 0 there after the first bracket [0.375, 0.5].
        #expect(outcome.kind == .found)
        #expect(outcome.x == 0.5)
        #expect(outcome.hi - outcome.lo <= 1e-6)
        let irrational = BracketSearch(lo: 0, hi: 1, target: 0.5, integer: false).run { (xs: [Double]) -> [Double] in xs.map { $0 * $0 } }
        #expect(abs(irrational.x! - 0.5.squareRoot()) <= 1e-6)
        // 9 scan points, then bisections of [0.625, 0.75] until the width is ≤ 1e-6: ⌈log2(0.125 / 1e-6)⌉ = 17.
        #expect(irrational.evaluations.count == 9 + 17)
        #expect(irrational.metricLo < 0.5 && irrational.metricHi > 0.5)
    }

    @Test("integer paths: rounded scan without duplicates, floor midpoints, the LO-side end")
    func integerSearch() {
        let search = BracketSearch(lo: 2026, hi: 2030, target: 0.5, integer: true)
        #expect(search.scanPoints == [2026, 2027, 2028, 2029, 2030])  // 2026.5 → 2027, 2027.5 → 2028, …
        let outcome = search.run { (xs: [Double]) -> [Double] in xs.map { $0 >= 2029 ? 1 : 0 } }
        #expect(outcome.kind == .found)
        #expect(outcome.x == 2028)
        #expect(outcome.lo == 2028 && outcome.hi == 2029)
        let wide = BracketSearch(lo: 0, hi: 100, target: 0.5, integer: true).run { (xs: [Double]) -> [Double] in xs.map { $0 >= 41 ? 1 : 0 } }
        #expect(wide.x == 40)
        #expect(wide.evaluations.map(\.x).prefix(9) == [0, 13, 25, 38, 50, 63, 75, 88, 100])
        #expect(wide.evaluations.dropFirst(9).map(\.x) == [44, 41, 39, 40])
    }

    @Test("met everywhere, never reached, several changes")
    func edgeCases() {
        let everywhere = BracketSearch(lo: 0, hi: 1, target: 2, integer: false).run { (xs: [Double]) -> [Double] in xs.map { _ in 2 } }
        #expect(everywhere.kind == .everywhere && everywhere.x == 1 && everywhere.evaluations.count == 9)
        let never = BracketSearch(lo: 0, hi: 1, target: 5, integer: false).run { (xs: [Double]) -> [Double] in xs }
        #expect(never.kind == .notReached && never.x == nil && never.lo == 0 && never.hi == 1 && never.metricHi == 1)
        let twice = BracketSearch(lo: 0, hi: 1, target: 0, integer: false).run { (xs: [Double]) -> [Double] in xs.map { ($0 - 0.2) * ($0 - 0.7) } }
        #expect(abs(twice.x! - 0.2) <= 1e-6)
        #expect(twice.otherChanges.map { [$0.lo, $0.hi] } == [[0.625, 0.75]])
    }
}
