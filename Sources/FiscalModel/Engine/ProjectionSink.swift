/// Where a deterministic projection puts each year (推演结果的去处, issue 22): the unit table's
/// builder (`UnitYearTable.Builder`, a run's `units.csv`) or what a sweep point keeps for its
/// metrics. A sink reads the year from the engine's columns before the next year overwrites them.
public protocol ProjectionSink {
    /// Takes one projected year and its district rows (declared order).
    mutating func take(_ year: ProjectedYear, districts: [DistrictYear])
}

/// A sink that keeps nothing: a projection run for its district rows alone (a counterfactual's
/// net revenue).
public struct DistrictRowsOnly: ProjectionSink {
    /// A sink that keeps nothing.
    public init() {}
    /// Ignores the year.
    public func take(_ year: ProjectedYear, districts: [DistrictYear]) {}
}

/// What a projection returns besides what its sink kept: the district rows, the clamped tax
/// count, the limit violation that stopped it and the wave decisions.
public struct ProjectionOutcome: Sendable {
    /// `districts[d][y]`: district d (declared order) in projected year index y.
    public var districts: [[DistrictYear]]
    /// Tax values clamped at a zero growth factor.
    public var clampedTax = 0
    /// The first value beyond model.md §19's limits, if the projection stopped at one (the
    /// district rows end in that year).
    public var limitViolation: ProjectionLimitViolation?
    /// How each evidence-gated wave was decided (model.md §20), listed order; empty without waves.
    public var waves: [WaveResult] = []

    /// An outcome with `districts` and nothing else yet.
    init(districts: [[DistrictYear]]) { self.districts = districts }

    /// Net revenue per district-year, `[year][district]`.
    public var netRevenueByYear: [[Double]] { DistrictYear.netRevenueByYear(districts) }
}
