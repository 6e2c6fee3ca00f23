import FiscalModel
@testable import ScenarioIO

/// A deterministic sweep point's rows computed the way they were before the lean projection
/// (issue 22): the full projection with its unit table, then `ComparisonTable` (every rounded
/// pool of every year), summed. The reference `SweepMetrics.deterministicRows` is held to.
enum ReferenceSweepRows {
    /// The rows of `scenario`'s reform against its own counterfactual, or the limit violation.
    static func rows(_ scenario: Scenario) -> Result<[[String]], ProjectionLimitViolation> {
        var model = scenario
        model.variants = []
        let counterfactual = Projection.run(
            CompiledPolicy(model.reform, of: model, counterfactual: true), name: Variant.counterfactualName,
            limits: ProjectionGuard(model))
        if let violation = counterfactual.limitViolation { return .failure(violation) }
        let reform = Projection.run(
            CompiledPolicy(model.reform, of: model, counterfactual: false), name: Variant.reformName,
            counterfactualNetRevenue: counterfactual.netRevenueByYear, limits: ProjectionGuard(model),
            waves: WaveTracker(model.reform, of: model, paths: 1))
        if let violation = reform.limitViolation { return .failure(violation) }
        let written = ComparisonTable(scenario: model, result: RunResult(variants: [reform])).rows()[0]
        let money = model.moneyRounding
        let ratio = model.ratioRounding
        let zero = ScaledAmount(units: 0, precision: model.precision)
        let groups = model.unitsByDistrict
        let years = model.horizon.count
        var totals = Array(repeating: zero, count: SweepMetrics.money.count)
        var gaps = 0
        var rows: [[String]] = []
        func ratios(_ units: [Int]) -> [String] {
            let values = units.compactMap { reform.units[$0][years - 1].selfSufficiency }
            guard let low = values.min() else { return ["", ""] }
            return [ratio.text(values.reduce(0, +) / Double(values.count)), ratio.text(low)]
        }
        for d in groups.indices {
            let cells = written[d]
            let district = reform.districts[d]
            let sums = [
                cells.reduce(zero) { $0 + $1.rebates }, cells.reduce(zero) { $0 + $1.netRevenue },
                district.reduce(zero) { $0 + money.round($1.counterfactualNetRevenue) },
                district.reduce(zero) { $0 + money.round($1.reformEffect) },
                cells.reduce(zero) { $0 + $1.feesTransferred }, cells.reduce(zero) { $0 + $1.donationsAllocated },
            ]
            totals = zip(totals, sums).map(+)
            gaps += cells[years - 1].unitsWithGap
            let binding = district.filter { $0.capacityFactor < 1 }.count
            rows.append(sums.map(\.text) + [String(binding), String(cells[years - 1].unitsWithGap)] + ratios(groups[d]))
        }
        let bindingYears = (0..<years).filter { y in reform.districts.contains { $0[y].capacityFactor < 1 } }.count
        rows.append(totals.map(\.text) + [String(bindingYears), String(gaps)] + ratios(Array(model.units.indices)))
        let waves = reform.waves.map { $0.adoptedIndex.map { String(model.horizon.year(at: $0)) } ?? "" }
        return .success(rows.map { $0 + waves })
    }
}
