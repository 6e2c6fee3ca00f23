/// Runs a scenario: the counterfactual, `reform` and every listed variant, each variant's
/// reform effect measured against its own no-adoption run on the same draws.
public struct Simulation: Sendable {
    /// The validated scenario.
    public let scenario: Scenario

    /// Creates a simulation of `scenario`.
    public init(_ scenario: Scenario) { self.scenario = scenario }

    /// The deterministic projection (no shocks; SPEC §13: a deterministic run is the engine's
    /// S = 1 result).
    ///
    /// Stops at the first value beyond SPEC §19's limits: the result then ends with the variant
    /// that reached it (see `RunResult.limitViolation` and `checked()`).
    public func runDeterministic() -> RunResult {
        let limits = ProjectionGuard(scenario)
        let baseline = Projection.run(
            CompiledPolicy(scenario.reform, of: scenario, counterfactual: true), name: Variant.counterfactualName,
            limits: limits)
        var results = [baseline]
        if baseline.limitViolation != nil { return RunResult(variants: results) }
        // A no-adoption run depends on the tax-growth policy alone: one per distinct policy, as in
        // the Monte Carlo engine; the reform's is the reported counterfactual.
        var counterfactuals: [(growth: TaxGrowthPolicy, netRevenue: [[Double]])] = []
        func netRevenue(_ run: VariantResult) -> [[Double]] {
            (0..<scenario.horizon.count).map { y in run.districts.map { $0[y].netRevenue } }
        }
        counterfactuals.append((scenario.reform.taxGrowth, netRevenue(baseline)))
        for variant in scenario.policyVariants {
            let growth = variant.policy.taxGrowth
            let net: [[Double]]
            if let known = counterfactuals.first(where: { $0.growth == growth }) {
                net = known.netRevenue
            } else {
                let own = Projection.run(
                    CompiledPolicy(variant.policy, of: scenario, counterfactual: true), name: Variant.counterfactualName,
                    limits: limits)
                if own.limitViolation != nil { return RunResult(variants: results + [own]) }
                net = netRevenue(own)
                counterfactuals.append((growth, net))
            }
            results.append(
                Projection.run(
                    CompiledPolicy(variant.policy, of: scenario, counterfactual: false), name: variant.name,
                    counterfactualNetRevenue: net, limits: limits,
                    waves: WaveTracker(variant.policy, of: scenario, paths: 1)))
            if results.last?.limitViolation != nil { break }
        }
        return RunResult(variants: results)
    }
}
