extension Simulation {
    /// The wave plan of output variant `name` (`nil`: no waves, or the counterfactual).
    public func wavePlan(ofVariant name: String) -> WavePlan? {
        guard name != Variant.counterfactualName, let policy = policy(ofVariant: name) else { return nil }
        return WavePlan(policy.rollout, in: scenario)
    }

    /// The compiled policy a deterministic run's `variant` followed: its waves decided as the
    /// run decided them (model.md §20), so every adoption year is the one the rows show.
    public func compiledPolicy(followedBy variant: VariantResult) -> CompiledPolicy? {
        guard let compiled = compiledPolicy(ofVariant: variant.name) else { return nil }
        guard let plan = wavePlan(ofVariant: variant.name), variant.waves.count == plan.waves.count else { return compiled }
        return compiled.deciding(plan, results: variant.waves)
    }
}
