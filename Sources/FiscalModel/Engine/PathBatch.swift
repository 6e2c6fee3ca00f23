/// The state a batch of paths carries from one year to the next, unit-major with the paths of
/// a unit contiguous: element (unit i, path p) sits at `[i * count + p]`.
///
/// Only what depends on the draws lives here (last year's tax and what the rebate rule
/// remembers); enterprise income and the reference index are the same on every path and live
/// in the `YearEngine`.
public final class PathBatch: @unchecked Sendable {
    /// Number of paths P in the batch.
    public let count: Int
    /// Number of units.
    public let unitCount: Int
    /// T_i(t−1) per unit and path.
    public var tax: [Double]
    /// What the rebate rule remembers per path (返还规则的记忆): blocks of `unitCount × count`
    /// values laid out like `tax` — increment sharing's period base or running maximum, the
    /// linked rule's base tax and statutory amount ρ*_i(t−1) (see `RebateKernel`); empty
    /// without a rebate or for a rule that keeps nothing.
    public var rebateMemory: [Double]
    /// Per-path scratch the engine uses for district sums, `[slot * count + p]`.
    var scratch: [Double]
    /// Per-receiver scratch for the donation floor (which receivers are floored).
    var floored: [Bool]

    /// The base-year state of `count` paths of `engine`'s policy.
    public init(_ engine: YearEngine, count: Int) {
        let policy = engine.policy
        let n = policy.unitCount
        self.count = count
        self.unitCount = n
        var tax = [Double](repeating: 0, count: n * count)
        for i in 0..<n { for p in 0..<count { tax[i * count + p] = policy.baseTax[i] } }
        self.tax = tax
        rebateMemory = engine.rebate?.initialMemory(tax: tax) ?? []
        scratch = [Double](repeating: 0, count: YearEngine.scratchSlots * count)
        floored = [Bool](repeating: false, count: policy.unitsByDistrict.map(\.count).max() ?? 0)
    }
}

/// Where the engine writes one projected year of a batch of paths: unit columns at
/// `[i * unitStride + p]`, district columns at `[d * districtStride + p]`.
///
/// A Monte Carlo run points these into its year buffers (stride = all paths, offset = the
/// batch's first path); a deterministic run uses one path and stride 1.
public struct BatchYearOutput: @unchecked Sendable {
    /// Distance between consecutive units.
    public var unitStride: Int
    /// T_i(t).
    public var tax: UnsafeMutablePointer<Double>
    /// R_i(t), NaN where the rebate does not apply.
    public var reference: UnsafeMutablePointer<Double>
    /// I_i(t).
    public var increment: UnsafeMutablePointer<Double>
    /// ρ_i(t) after the per-unit cap and district capacity.
    public var rebate: UnsafeMutablePointer<Double>
    /// Donations received.
    public var donations: UnsafeMutablePointer<Double>
    /// Resources A + ρ + ΣF + donations + E + K.
    public var resources: UnsafeMutablePointer<Double>
    /// Distance between consecutive districts.
    public var districtStride: Int
    /// Σ T over the district's units.
    public var districtTax: UnsafeMutablePointer<Double>
    /// Σ ρ (after capacity).
    public var rebates: UnsafeMutablePointer<Double>
    /// φ_d(t).
    public var capacityFactor: UnsafeMutablePointer<Double>
    /// D_d(t).
    public var donationsPooled: UnsafeMutablePointer<Double>
    /// ψ·D_d(t).
    public var donationsReserve: UnsafeMutablePointer<Double>
    /// Σ donations received by the district's units.
    public var donationsAllocated: UnsafeMutablePointer<Double>
    /// Σ resources of the district's units.
    public var districtResources: UnsafeMutablePointer<Double>
    /// Where to copy each unit's rebate after the per-unit cap and before district capacity
    /// (for a trace; `nil` in runs).
    public var beforeCapacity: UnsafeMutablePointer<Double>?

    /// Column pointers, each shifted by `offset` paths.
    public init(
        unitStride: Int, tax: UnsafeMutablePointer<Double>, reference: UnsafeMutablePointer<Double>,
        increment: UnsafeMutablePointer<Double>, rebate: UnsafeMutablePointer<Double>,
        donations: UnsafeMutablePointer<Double>, resources: UnsafeMutablePointer<Double>, districtStride: Int,
        districtTax: UnsafeMutablePointer<Double>, rebates: UnsafeMutablePointer<Double>,
        capacityFactor: UnsafeMutablePointer<Double>, donationsPooled: UnsafeMutablePointer<Double>,
        donationsReserve: UnsafeMutablePointer<Double>, donationsAllocated: UnsafeMutablePointer<Double>,
        districtResources: UnsafeMutablePointer<Double>
    ) {
        self.unitStride = unitStride
        self.tax = tax
        self.reference = reference
        self.increment = increment
        self.rebate = rebate
        self.donations = donations
        self.resources = resources
        self.districtStride = districtStride
        self.districtTax = districtTax
        self.rebates = rebates
        self.capacityFactor = capacityFactor
        self.donationsPooled = donationsPooled
        self.donationsReserve = donationsReserve
        self.donationsAllocated = donationsAllocated
        self.districtResources = districtResources
    }

    /// The same columns `paths` further on.
    public func shifted(by paths: Int) -> BatchYearOutput {
        var shifted = BatchYearOutput(
            unitStride: unitStride, tax: tax + paths, reference: reference + paths, increment: increment + paths,
            rebate: rebate + paths, donations: donations + paths, resources: resources + paths,
            districtStride: districtStride, districtTax: districtTax + paths, rebates: rebates + paths,
            capacityFactor: capacityFactor + paths, donationsPooled: donationsPooled + paths,
            donationsReserve: donationsReserve + paths, donationsAllocated: donationsAllocated + paths,
            districtResources: districtResources + paths)
        shifted.beforeCapacity = beforeCapacity.map { $0 + paths }
        return shifted
    }
}
