/// One part of a job split K ways for several machines (分片, model.md §16): index I of K, 0 ≤ I < K.
///
/// A Monte Carlo run shard simulates every path of a fixed subset of districts
/// (`DistrictPartition`); a sweep shard evaluates the points p with (p − 1) mod K = I.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// I, from 0.
    public let index: Int
    /// K, the number of shards of the job.
    public let count: Int

    /// Shard `index` of `count`; `nil` unless 0 ≤ index < count.
    public init?(index: Int, of count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/K`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }
}

extension Shard {
    /// The sweep points of this shard among points 1…`pointCount` (model.md §16): the p with
    /// (p − 1) mod K = I, in order.
    public func points(of pointCount: Int) -> [Int] {
        Array(stride(from: index + 1, through: pointCount, by: count))
    }
}
