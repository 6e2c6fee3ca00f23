/// The projection horizon: the data year `baseYear` (b) and the projected years b+1 … `endYear`.
public struct Horizon: Sendable, Equatable {
    /// The data year b.
    public var baseYear: Int
    /// The last projected year.
    public var endYear: Int

    /// Creates a horizon; `endYear` must be at least `baseYear + 1`.
    public init(baseYear: Int, endYear: Int) {
        precondition(endYear > baseYear, "the horizon needs at least one projected year")
        self.baseYear = baseYear
        self.endYear = endYear
    }

    /// The projected years b+1 … end.
    public var years: ClosedRange<Int> { (baseYear + 1)...endYear }

    /// The number of projected years.
    public var count: Int { endYear - baseYear }

    /// The first projected year, b+1.
    public var firstYear: Int { baseYear + 1 }

    /// The position of `year` in `years` (0 for b+1).
    @inlinable public func index(of year: Int) -> Int { year - baseYear - 1 }

    /// The year at position `index` of `years`.
    @inlinable public func year(at index: Int) -> Int { baseYear + 1 + index }
}
