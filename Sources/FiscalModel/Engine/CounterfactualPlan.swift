/// The no-adoption runs (反事实方案) a list of variants needs, each variant's reform effect being
/// measured against its own (model.md §7).
///
/// A no-adoption run's net revenue depends on the tax-growth policy alone (nothing is adopted,
/// so no rebate, incentive or restructuring applies): variants with the same tax-growth policy
/// share one run. The plan lists the distinct runs in order of first use; run, Monte Carlo,
/// sweep and the memory estimate all count and key them by it.
public struct CounterfactualPlan: Sendable, Equatable {
    /// What a no-adoption run depends on.
    public typealias Key = TaxGrowthPolicy

    /// The distinct runs' keys, in order of first use.
    public let keys: [Key]
    /// Per distinct run, the first variant that needs it (its policy is compiled for the run).
    public let representatives: [Int]
    /// Per variant, the index of its run in `keys`.
    public let runOf: [Int]

    /// The plan of `policies` (the variants' policies, in output order).
    public init(_ policies: [Policy]) {
        var keys: [Key] = []
        var representatives: [Int] = []
        var runOf: [Int] = []
        for (v, policy) in policies.enumerated() {
            let key = Self.key(of: policy)
            if let known = keys.firstIndex(of: key) {
                runOf.append(known)
            } else {
                runOf.append(keys.count)
                keys.append(key)
                representatives.append(v)
            }
        }
        self.keys = keys
        self.representatives = representatives
        self.runOf = runOf
    }

    /// The plan of `scenario`'s reported variants (`reform` first, whose run is the reported
    /// counterfactual).
    public init(_ scenario: Scenario) { self.init(scenario.policyVariants.map(\.policy)) }

    /// The key of `policy`'s no-adoption run.
    public static func key(of policy: Policy) -> Key { policy.taxGrowth }

    /// Number of distinct no-adoption runs.
    public var count: Int { keys.count }
}
