extension Simulation {
    /// Names of every variant in output order: `counterfactual`, `reform`, then the listed ones.
    public var variantNames: [String] {
        [Variant.counterfactualName] + scenario.policyVariants.map(\.name)
    }

    /// The policy behind output variant `name` (the counterfactual runs the reform's policy with
    /// nothing adopted), or `nil` if there is no such variant.
    public func policy(ofVariant name: String) -> Policy? {
        if name == Variant.counterfactualName { return scenario.reform }
        return scenario.policyVariants.first { $0.name == name }?.policy
    }

    /// The compiled policy behind output variant `name`, exactly as the run uses it.
    public func compiledPolicy(ofVariant name: String) -> CompiledPolicy? {
        policy(ofVariant: name).map {
            CompiledPolicy($0, of: scenario, counterfactual: name == Variant.counterfactualName)
        }
    }
}
