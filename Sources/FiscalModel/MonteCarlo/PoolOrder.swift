import Glibc

/// Each district's paths in the order of its donation pool (捐赠资金池), ties by path: a unit's
/// donations, and the resources of a unit without a rebate, usually follow it, which saves a
/// selection (`RowStatistics.compute(_:count:preferringOrder:…)`). A district's order is sorted
/// again only when its pool changed bit for bit since the last sort: the runs of one year
/// usually pool the same donations.
final class PoolOrder: @unchecked Sendable {
    private let paths: Int
    private let order: IndexBuffer
    /// The pool each district's order was sorted by.
    private let sortedBy: Buffer
    /// 1 where a district's order has been sorted.
    private let sorted: IndexBuffer

    init(districts: Int, paths: Int) {
        self.paths = paths
        order = IndexBuffer(count: districts * paths)
        sortedBy = Buffer(count: districts * paths)
        sorted = IndexBuffer(count: districts)
    }

    /// Orders `district`'s paths by `pooled` (its pool on every path). One task per district.
    func update(district: Int, pooled: UnsafePointer<Double>) {
        let key = sortedBy.pointer + district * paths
        if sorted.pointer[district] == 1, memcmp(key, pooled, paths * MemoryLayout<Double>.size) == 0 { return }
        let order = order.pointer + district * paths
        for p in 0..<paths { order[p] = Int32(p) }
        var buffer = UnsafeMutableBufferPointer(start: order, count: paths)
        buffer.sort { a, b in
            let x = pooled[Int(a)], y = pooled[Int(b)]
            return x < y || (x == y && a < b)
        }
        key.update(from: pooled, count: paths)
        sorted.pointer[district] = 1
    }

    /// `district`'s paths in pool order.
    func of(district: Int) -> UnsafePointer<Int32> { UnsafePointer(order.pointer + district * paths) }
}
