import COpenBLAS

/// The BLAS build in use, which a shard records when a correlation matrix is used: z = L·η is
/// bit-identical across machines only with the same kernels (OpenBLAS core).
public enum BLASCore {
    /// OpenBLAS's core name (e.g. `Haswell`, `SkylakeX`, `Prescott`).
    public static var name: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Makes BLAS run on the calling thread only and stops the worker threads OpenBLAS starts when
    /// it loads. Those threads poll for work (`sched_yield`) for about a tenth of a second before
    /// they sleep, taking a core from the tool on a small machine: a deterministic run or sweep
    /// lost 15 % of its wall time to them (issue 22). The tool parallelises over paths and points
    /// itself and gives BLAS one thread anyway; the processes call this first.
    public static func useCallingThreadOnly() {
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
    }
}
