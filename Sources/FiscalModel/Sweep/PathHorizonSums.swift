/// What a Monte Carlo sweep keeps of one point's run (model.md §15.1): per district and path, the
/// sums over the projected years of its unrounded values, and the last year's gap counts and
/// self-sufficiency — no per-unit-year quantiles.
///
/// Arrays indexed by district and path are `[d * paths + p]`.
public struct PathHorizonSums: Sendable, Equatable {
    /// Number of paths S.
    public let paths: Int
    /// Number of districts.
    public let districtCount: Int
    /// Σ_t rebates paid (after capacity).
    public var rebates: [Double]
    /// Σ_t net revenue (retained tax − rebates).
    public var netRevenue: [Double]
    /// Σ_t net revenue of the point's own no-adoption run on the same draws.
    public var counterfactualNetRevenue: [Double]
    /// Σ_t donations handed down to units.
    public var donationsAllocated: [Double]
    /// Σ_t line fees passed to units, per district (the same on every path).
    public var feesTransferred: [Double]
    /// Whether capacity scaling applied (unrounded φ < 1) in at least one year.
    public var binding: [Bool]
    /// Units with unrounded gap < 0 in the last year.
    public var unitsWithGap: [Int]
    /// Σ over units with need > 0 of resources / need in the last year.
    public var selfSufficiencySum: [Double]
    /// Units with need > 0 in the last year, per district (the same on every path).
    public var unitsWithNeed: [Int]
    /// The first yearly value beyond model.md §19's limits (earliest year, the reform before its
    /// no-adoption run, then the lowest batch of paths), or `nil`: then the sums are not to be used.
    public var limitViolation: ProjectionLimitViolation?
    /// With waves (model.md §20): fees transferred per district and path, `[d * paths + p]`
    /// (`feesTransferred` is then unused), and units with need in the last year per district and
    /// path.
    public var feesTransferredByPath: [Double]?
    /// See `feesTransferredByPath`.
    public var unitsWithNeedByPath: [Int]?
    /// How the reform's waves were decided over the paths (empty without waves).
    public var waves: [WaveResult] = []

    /// Zeroed sums for `districtCount` districts and `paths` paths.
    public init(districtCount: Int, paths: Int) {
        self.paths = paths
        self.districtCount = districtCount
        let cells = districtCount * paths
        rebates = Array(repeating: 0, count: cells)
        netRevenue = rebates
        counterfactualNetRevenue = rebates
        donationsAllocated = rebates
        feesTransferred = Array(repeating: 0, count: districtCount)
        binding = Array(repeating: false, count: cells)
        unitsWithGap = Array(repeating: 0, count: cells)
        selfSufficiencySum = rebates
        unitsWithNeed = Array(repeating: 0, count: districtCount)
    }

    /// Reform effect Σ_t (net revenue − counterfactual net revenue) of district `d` on path `p`.
    public func reformEffect(_ d: Int, _ p: Int) -> Double {
        netRevenue[d * paths + p] - counterfactualNetRevenue[d * paths + p]
    }
}
