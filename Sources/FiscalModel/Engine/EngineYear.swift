/// One projected year of a batch of paths as the yearly kernels see it: the batch's state, the
/// rebate rule's per-path memory and where the year is written.
struct EngineYear {
    /// One unit's state and output columns, `paths` values each.
    struct UnitColumns {
        /// T_i(t−1), advanced in place to T_i(t).
        var state: UnsafeMutablePointer<Double>
        /// R_i(t) out.
        var reference: UnsafeMutablePointer<Double>
        /// I_i(t) out.
        var increment: UnsafeMutablePointer<Double>
        /// The statutory rebate out (after the per-unit cap, before district capacity).
        var rebate: UnsafeMutablePointer<Double>
        /// T_i(t) out.
        var tax: UnsafeMutablePointer<Double>
    }

    /// The year index y.
    var yearIndex: Int
    /// Number of paths P in the batch.
    var paths: Int
    /// The batch's tax, unit-major.
    var tax: UnsafeMutablePointer<Double>
    /// The rebate rule's per-path memory (blocks of unitCount × P values), `nil` when it keeps none.
    var memory: UnsafeMutablePointer<Double>?
    /// Per-path scratch (at least one slot of P values).
    var scratch: UnsafeMutablePointer<Double>
    /// z_i(t) per unit and path, `[i * paths + p]`, or `nil` (no shocks).
    var taxShocks: UnsafePointer<Double>?
    /// The rebate's cap per unit in this year, if any.
    var cap: Double?
    /// Where the year is written.
    var out: BatchYearOutput

    /// Unit `i`'s state and output columns.
    @inline(__always) func unit(_ i: Int) -> UnitColumns {
        UnitColumns(
            state: tax + i * paths, reference: out.reference + i * out.unitStride,
            increment: out.increment + i * out.unitStride, rebate: out.rebate + i * out.unitStride,
            tax: out.tax + i * out.unitStride)
    }
}
