/// Runs a scenario: the counterfactual, `reform` and every listed variant, each variant's
/// reform effect measured against its own no-adoption run on the same draws.
public struct Simulation: Sendable {
    /// The validated scenario.
    public let scenario: Scenario

    /// Creates a simulation of `scenario`.
    public init(_ scenario: Scenario) { self.scenario = scenario }

    /// The deterministic projection (no shocks; SPEC §13: a deterministic run is the engine's
    /// S = 1 result).
    public func runDeterministic() -> RunResult {
        var results: [VariantResult] = []
        let baseline = CompiledPolicy(scenario.reform, of: scenario, counterfactual: true)
        results.append(Projection.run(baseline, name: Variant.counterfactualName))
        for variant in scenario.policyVariants {
            let counterfactual = Projection.run(
                CompiledPolicy(variant.policy, of: scenario, counterfactual: true), name: Variant.counterfactualName)
            let netRevenue = (0..<scenario.horizon.count).map { y in
                counterfactual.districts.map { $0[y].netRevenue }
            }
            results.append(
                Projection.run(
                    CompiledPolicy(variant.policy, of: scenario, counterfactual: false), name: variant.name,
                    counterfactualNetRevenue: netRevenue))
        }
        return RunResult(variants: results)
    }
}
