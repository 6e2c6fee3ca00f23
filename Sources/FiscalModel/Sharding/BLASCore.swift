import COpenBLAS

/// The BLAS build in use, which a shard records when a correlation matrix is used: z = L·η is
/// bit-identical across machines only with the same kernels (OpenBLAS core).
public enum BLASCore {
    /// OpenBLAS's core name (e.g. `Haswell`, `SkylakeX`, `Prescott`).
    public static var name: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
