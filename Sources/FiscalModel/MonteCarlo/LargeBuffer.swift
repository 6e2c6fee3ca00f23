#if canImport(Glibc)
import Glibc
#endif

/// Allocation of the large per-year buffers of a Monte Carlo run (S × N doubles), aligned to
/// 2 MiB and, on Linux, advised to use transparent huge pages: the engine writes each batch's
/// values into every unit's row, S values apart, and with 4 KiB pages those writes would spend
/// their time on TLB misses.
///
/// On Linux a large buffer is an anonymous mapping, which the kernel hands out zeroed page by
/// page when it is first touched: the buffers are not written twice, and their pages are
/// faulted in by the worker threads that first use them rather than one by one before the run.
enum LargeBuffer {
    /// Buffers from this size on are mapped.
    static let mappedFrom = 4 << 20
    /// Their alignment: one transparent huge page.
    static let alignment = 2 << 20

    /// Zeroed memory for `count` doubles, and whether it is a mapping (a small buffer, or one the
    /// kernel would not map, comes from the allocator); release it with `deallocate`.
    static func allocate(_ count: Int) -> (pointer: UnsafeMutablePointer<Double>, isMapped: Bool) {
        let bytes = max(count, 1) * MemoryLayout<Double>.stride
        #if canImport(Glibc)
        if bytes >= mappedFrom, let mapped = mapped(bytes) {
            return (mapped.bindMemory(to: Double.self, capacity: max(count, 1)), true)
        }
        #endif
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        return (pointer, false)
    }

    /// Releases memory from `allocate(count)`, which said whether it `isMapped`.
    static func deallocate(_ pointer: UnsafeMutablePointer<Double>, count: Int, isMapped: Bool) {
        #if canImport(Glibc)
        if isMapped {
            munmap(UnsafeMutableRawPointer(pointer), length(max(count, 1) * MemoryLayout<Double>.stride))
            return
        }
        #endif
        pointer.deallocate()
    }

    /// `bytes` rounded up to whole huge pages.
    private static func length(_ bytes: Int) -> Int { (bytes + alignment - 1) / alignment * alignment }

    #if canImport(Glibc)
    /// A zeroed anonymous mapping of `length(bytes)` bytes starting on a 2 MiB boundary: one
    /// alignment more is mapped and the slack on both sides unmapped again.
    private static func mapped(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let length = length(bytes)
        guard let raw = mmap(nil, length + alignment, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            raw != MAP_FAILED
        else { return nil }
        let start = Int(bitPattern: raw)
        let aligned = (start + alignment - 1) & ~(alignment - 1)
        if aligned > start { munmap(raw, aligned - start) }
        let tail = start + length + alignment - (aligned + length)
        if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + length), tail) }
        let pointer = UnsafeMutableRawPointer(bitPattern: aligned)!
        _ = madvise(pointer, length, MADV_HUGEPAGE)
        return pointer
    }
    #endif
}
