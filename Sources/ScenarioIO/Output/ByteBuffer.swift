import FiscalModel
import Foundation

/// A file's bytes being written (the large Monte Carlo tables, issue 22): a growing block of
/// memory written through a pointer, amounts formatted straight into it, handed over to `Data`
/// without a copy when done.
struct ByteBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes before it grows.
    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        start = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(start) }

    /// Makes room for `extra` more bytes, doubling the block as needed.
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        capacity = Swift.max(2 * capacity, count + extra)
        start = realloc(start, capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    /// Appends `bytes`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        (start + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }

    /// Appends one byte.
    mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// Appends `amount`'s text.
    mutating func append(_ amount: ScaledAmount) {
        reserve(amount.maximumTextLength)
        count += amount.write(to: start + count)
    }

    /// The bytes as `Data`, which takes over the memory.
    consuming func data() -> Data {
        let data = Data(bytesNoCopy: start, count: count, deallocator: .free)
        discard self
        return data
    }
}
