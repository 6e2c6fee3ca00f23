/// The projection of one variant: every unit-year and district-year, unrounded.
public struct VariantResult: Sendable, Equatable {
    /// Variant name (`counterfactual`, `reform` or a listed variant).
    public var name: String
    /// `units[i][y]`: unit i (file order) in projected year index y, held column by column.
    public var units: UnitYearTable
    /// `districts[d][y]`: district d (declared order) in projected year index y.
    public var districts: [[DistrictYear]]
    /// Tax values clamped at a zero growth factor.
    public var clampedTax: Int
    /// The first value beyond model.md §19's limits, if the projection stopped at one (its rows
    /// end in that year).
    public var limitViolation: ProjectionLimitViolation?
    /// How each evidence-gated wave was decided (model.md §20), listed order; empty without waves.
    public var waves: [WaveResult] = []

    /// Creates a result.
    public init(name: String, units: UnitYearTable, districts: [[DistrictYear]], clampedTax: Int) {
        self.name = name
        self.units = units
        self.districts = districts
        self.clampedTax = clampedTax
    }

    /// Creates a result of the rows `units[i][y]`.
    public init(name: String, units: [[UnitYear]], districts: [[DistrictYear]], clampedTax: Int) {
        self.init(name: name, units: UnitYearTable(units), districts: districts, clampedTax: clampedTax)
    }

    /// Net revenue per district-year, `[year][district]`: what a no-adoption run gives the
    /// reform effects measured against it.
    public var netRevenueByYear: [[Double]] { DistrictYear.netRevenueByYear(districts) }
}

/// The result of a deterministic run: the counterfactual, `reform` and the listed variants,
/// in output order.
public struct RunResult: Sendable, Equatable {
    /// Variants in output order.
    public var variants: [VariantResult]

    /// The first value beyond model.md §19's limits, if the run stopped at one.
    public var limitViolation: ProjectionLimitViolation? { variants.lazy.compactMap(\.limitViolation).first }

    /// The result, or the limit violation that stopped it.
    public func checked() throws(ProjectionLimitViolation) -> RunResult {
        if let limitViolation { throw limitViolation }
        return self
    }

    /// Creates a run result.
    public init(variants: [VariantResult]) { self.variants = variants }

    /// The variant named `name`.
    public func variant(_ name: String) -> VariantResult? { variants.first { $0.name == name } }
}
