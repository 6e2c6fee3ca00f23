/// One point of a sweep (model.md §15.1): the scenario with one value per swept path, applied like
/// a variant's `set`. Points are numbered 1…P in sweep order; a shard or a `solve` evaluates a
/// subset of them by number.
public struct SweepPoint: Sendable, Equatable {
    /// 1-based point number.
    public var number: Int
    /// The design file's `point` cell (empty for grid sweeps and unnamed designs).
    public var name: String
    /// One value per swept path, as typed (grid ranges: the shortest round-trip decimal).
    public var values: [String]

    /// A point.
    public init(number: Int, name: String = "", values: [String]) {
        self.number = number
        self.name = name
        self.values = values
    }
}

/// One `--grid PATH=VALUES` axis: a dotted path and the values it takes.
public struct GridAxis: Sendable, Equatable {
    /// The dotted path, e.g. `rebate.bands.0.rate`.
    public var path: String
    /// The values, as typed or generated.
    public var values: [String]

    /// An axis.
    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }

    /// `LO:HI:N`: value k = LO + k·(HI − LO)/(N − 1) in Double for k = 0…N−1, the last exactly HI.
    public static func evenlySpaced(from lo: Double, to hi: Double, count: Int) -> [Double] {
        precondition(count >= 2, "a range needs at least two values")
        let step = (hi - lo) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? hi : lo + Double($0) * step }
    }

    /// The Cartesian product of `axes`, the first varying slowest, numbered from 1.
    public static func points(_ axes: [GridAxis]) -> [SweepPoint] {
        var combinations: [[String]] = [[]]
        for axis in axes {
            combinations = combinations.flatMap { prefix in axis.values.map { prefix + [$0] } }
        }
        if axes.isEmpty { return [] }
        return combinations.enumerated().map { SweepPoint(number: $0.offset + 1, values: $0.element) }
    }
}
