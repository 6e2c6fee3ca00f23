import Synchronization

/// Results of no-adoption runs (反事实方案) shared by the threads and the evaluators of one
/// sweep or solve, keyed by what such a run depends on (`CounterfactualPlan.Key`) and, for a
/// Monte Carlo run, its paths and seed. A value computed twice by two threads is the same
/// value, so the first one stored wins.
public final class CounterfactualCache<Value: Sendable>: Sendable {
    /// A run: its tax-growth policy, and paths and seed for a Monte Carlo run (`nil` for the
    /// deterministic projection).
    public struct Key: Sendable, Equatable {
        /// The tax-growth policy.
        public var growth: CounterfactualPlan.Key
        /// S, or `nil` for the deterministic projection.
        public var paths: Int?
        /// The seed, or `nil` for the deterministic projection.
        public var seed: UInt64?

        /// Creates a key.
        public init(_ growth: CounterfactualPlan.Key, paths: Int? = nil, seed: UInt64? = nil) {
            self.growth = growth
            self.paths = paths
            self.seed = seed
        }
    }

    private let entries = Mutex<[(key: Key, value: Value)]>([])

    /// An empty cache.
    public init() {}

    /// The value stored for `key`, if any.
    public func value(for key: Key) -> Value? {
        entries.withLock { entries in entries.first { $0.key == key }?.value }
    }

    /// Stores `value` for `key` unless one is already stored.
    public func store(_ value: Value, for key: Key) {
        entries.withLock { entries in
            if !entries.contains(where: { $0.key == key }) { entries.append((key, value)) }
        }
    }

    /// The value for `key`, computed by `compute` (outside the lock) when none is stored yet;
    /// nothing is stored when `compute` throws.
    public func value<E: Error>(for key: Key, compute: () throws(E) -> Value) throws(E) -> Value {
        if let known = value(for: key) { return known }
        let value = try compute()
        store(value, for: key)
        return value
    }
}
