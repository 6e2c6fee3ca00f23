/// Runs a scenario: the counterfactual, `reform` and every listed variant, each variant's
/// reform effect measured against its own no-adoption run on the same draws.
public struct Simulation: Sendable {
    /// The validated scenario.
    public let scenario: Scenario

    /// Creates a simulation of `scenario`.
    public init(_ scenario: Scenario) { self.scenario = scenario }

    /// The deterministic projection (no shocks; model.md §13: a deterministic run is the engine's
    /// S = 1 result).
    ///
    /// Stops at the first value beyond model.md §19's limits: the result then ends with the variant
    /// that reached it (see `RunResult.limitViolation` and `checked()`).
    public func runDeterministic() -> RunResult { runDeterministic(progress: nil) }

    /// `runDeterministic()`, telling `progress(variants done, variants)` after each variant
    /// (the counterfactual counted as one).
    public func runDeterministic(progress: ((Int, Int) -> Void)?) -> RunResult {
        let limits = ProjectionGuard(scenario)
        // One no-adoption run per distinct tax-growth policy (`CounterfactualPlan`), as in the
        // Monte Carlo engine; the reform's is the reported counterfactual.
        let plan = CounterfactualPlan(scenario)
        var counterfactualNet = [[[Double]]?](repeating: nil, count: plan.count)
        var results: [VariantResult] = []
        for (v, variant) in scenario.policyVariants.enumerated() {
            let r = plan.runOf[v]
            if counterfactualNet[r] == nil {
                let run = Projection.run(
                    CompiledPolicy(variant.policy, of: scenario, counterfactual: true), name: Variant.counterfactualName,
                    limits: limits)
                results.append(run)
                if run.limitViolation != nil { return RunResult(variants: results) }
                if r != 0 { results.removeLast() }
                counterfactualNet[r] = run.netRevenueByYear
                progress?(results.count, scenario.policyVariants.count + 1)
            }
            results.append(
                Projection.run(
                    CompiledPolicy(variant.policy, of: scenario, counterfactual: false), name: variant.name,
                    counterfactualNetRevenue: counterfactualNet[r], limits: limits,
                    waves: WaveTracker(variant.policy, of: scenario, paths: 1)))
            if results.last?.limitViolation != nil { break }
            progress?(results.count, scenario.policyVariants.count + 1)
        }
        return RunResult(variants: results)
    }
}
