#if canImport(Glibc)
import Glibc
#endif

/// Allocation of the large per-year buffers of a Monte Carlo run (S × N doubles), aligned to
/// 2 MiB and, on Linux, advised to use transparent huge pages: the engine writes each batch's
/// values into every unit's row, S values apart, and with 4 KiB pages those writes would spend
/// their time on TLB misses.
enum LargeBuffer {
    /// Zeroed memory for `count` doubles; release it with `deallocate`.
    static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        let bytes = max(count, 1) * MemoryLayout<Double>.stride
        #if canImport(Glibc)
        if bytes >= 4 << 20 {
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, 2 << 20, bytes) == 0, let raw {
                _ = madvise(raw, bytes, MADV_HUGEPAGE)
                let pointer = raw.bindMemory(to: Double.self, capacity: max(count, 1))
                pointer.initialize(repeating: 0, count: max(count, 1))
                return pointer
            }
        }
        #endif
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        return pointer
    }

    /// Releases memory from `allocate(count)`.
    static func deallocate(_ pointer: UnsafeMutablePointer<Double>, count: Int) {
        let bytes = max(count, 1) * MemoryLayout<Double>.stride
        #if canImport(Glibc)
        if bytes >= 4 << 20 {
            free(pointer)
            return
        }
        #endif
        pointer.deallocate()
    }
}
