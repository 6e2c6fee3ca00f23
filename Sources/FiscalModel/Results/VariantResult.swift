/// The projection of one variant: every unit-year and district-year, unrounded.
public struct VariantResult: Sendable, Equatable {
    /// Variant name (`counterfactual`, `reform` or a listed variant).
    public var name: String
    /// `units[i][y]`: unit i (file order) in projected year index y.
    public var units: [[UnitYear]]
    /// `districts[d][y]`: district d (declared order) in projected year index y.
    public var districts: [[DistrictYear]]
    /// Tax values clamped at a zero growth factor.
    public var clampedTax: Int

    /// Creates a result.
    public init(name: String, units: [[UnitYear]], districts: [[DistrictYear]], clampedTax: Int) {
        self.name = name
        self.units = units
        self.districts = districts
        self.clampedTax = clampedTax
    }
}

/// The result of a deterministic run: the counterfactual, `reform` and the listed variants,
/// in output order.
public struct RunResult: Sendable, Equatable {
    /// Variants in output order.
    public var variants: [VariantResult]

    /// Creates a run result.
    public init(variants: [VariantResult]) { self.variants = variants }

    /// The variant named `name`.
    public func variant(_ name: String) -> VariantResult? { variants.first { $0.name == name } }
}
