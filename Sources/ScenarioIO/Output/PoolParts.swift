import FiscalModel

/// The rounded parts of one pool (分配池的舍入份额) as a collection of amounts: a view into
/// `RoundedPools`' flat store (issue 22).
struct PoolParts: RandomAccessCollection, Sendable {
    let store: PoolStore
    /// Where the pool's parts start in the store.
    let start: Int
    /// The number of parts.
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// Part `index` (0-based).
    subscript(index: Int) -> ScaledAmount { store[start + index] }
}

/// Rounded amounts of one precision held compactly (issue 22): each as an `Int64` count of
/// 10^-precision, an amount beyond `Int64`'s range (huge amounts at many decimals) kept exactly
/// apart, keyed by its position.
final class PoolStore: Sendable {
    /// The decimals of every amount.
    let precision: Int
    /// The amounts' units; `Int64.min` marks one held in `wide`.
    private let narrow: [Int64]
    /// The amounts that do not fit an `Int64`, by position.
    private let wide: [Int: Int128]

    /// The store `builder` filled.
    init(_ builder: Builder) {
        narrow = builder.narrow
        wide = builder.wide
        precision = builder.precision
    }

    /// Collects amounts in order.
    struct Builder {
        let precision: Int
        var narrow: [Int64] = []
        var wide: [Int: Int128] = [:]

        /// An empty store of amounts at `precision` decimals, room reserved for `capacity`.
        init(precision: Int, capacity: Int) {
            self.precision = precision
            narrow.reserveCapacity(capacity)
        }

        /// Appends `amounts` (at `precision` decimals).
        mutating func append(_ amounts: [ScaledAmount]) {
            for amount in amounts {
                if let units = Int64(exactly: amount.units), units != .min {
                    narrow.append(units)
                } else {
                    wide[narrow.count] = amount.units
                    narrow.append(.min)
                }
            }
        }
    }

    /// The number of amounts.
    var count: Int { narrow.count }

    /// The amount at `position`.
    subscript(position: Int) -> ScaledAmount {
        let units = narrow[position]
        return ScaledAmount(units: units == .min ? wide[position]! : Int128(units), precision: precision)
    }
}
