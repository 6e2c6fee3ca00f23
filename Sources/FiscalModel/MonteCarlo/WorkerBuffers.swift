/// A fixed block of Doubles shared by the workers (each writes its own part).
final class Buffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int
    private let isMapped: Bool

    init(count: Int) {
        self.count = count
        (pointer, isMapped) = LargeBuffer.allocate(count)
    }

    deinit { LargeBuffer.deallocate(pointer, count: count, isMapped: isMapped) }
}

/// A fixed block of path indices shared by the workers.
final class IndexBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int32>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// One worker's scratch memory.
final class WorkerScratch: @unchecked Sendable {
    let sort: Buffer
    let row: Buffer
    let factors: Buffer
    let districts: Buffer

    init(paths: Int, factors: Int, districts: Int) {
        sort = Buffer(count: RowStatistics.scratchCount(paths: paths))
        row = Buffer(count: paths)
        self.factors = Buffer(count: factors)
        self.districts = Buffer(count: districts)
    }
}
