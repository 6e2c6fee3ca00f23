/// How units' tax grows: a baseline rate, tag overrides, volatility and correlation of shocks.
public struct TaxGrowthPolicy: Sendable, Equatable {
    /// Baseline rate μ(t) (`growth.tax`).
    public var rate: StepFunction
    /// Rates by tag (`growth.byTag`); a unit takes its first tag found here.
    public var byTag: [String: StepFunction]
    /// Volatility σ of the yearly growth shock, the same for every unit.
    public var volatility: StepFunction
    /// Correlation of shocks across units.
    public var correlation: CorrelationStructure

    /// Creates a tax growth policy.
    public init(
        rate: StepFunction = .zero, byTag: [String: StepFunction] = [:], volatility: StepFunction = .zero,
        correlation: CorrelationStructure = .independent
    ) {
        self.rate = rate
        self.byTag = byTag
        self.volatility = volatility
        self.correlation = correlation
    }

    /// Where a unit's baseline growth μ_i(t) comes from (增长率来源).
    public enum Source: Sendable, Equatable {
        /// The units file's `tax_growth` column.
        case unitColumn(Double)
        /// `growth.byTag.<tag>`: the unit's first tag found there.
        case tag(String)
        /// `growth.tax`.
        case rate
    }

    /// The source of `unit`'s baseline growth: its `tax_growth` column, else its first tag
    /// found in `byTag`, else `rate`.
    public func source(for unit: FiscalUnit) -> Source {
        if let override = unit.taxGrowthOverride { return .unitColumn(override) }
        if let tag = unit.tags.first(where: { byTag[$0] != nil }) { return .tag(tag) }
        return .rate
    }

    /// The baseline growth μ_i(t) of `unit`, from `source(for:)`.
    public func baseline(for unit: FiscalUnit, in year: Int) -> Double {
        baseline(from: source(for: unit), in: year)
    }

    /// The baseline growth in `year` of a unit whose growth comes from `source`.
    public func baseline(from source: Source, in year: Int) -> Double {
        switch source {
        case .unitColumn(let value): value
        case .tag(let tag): byTag[tag]!.value(in: year)
        case .rate: rate.value(in: year)
        }
    }
}

/// Correlation of the tax-growth shocks z_i(t) across units (model.md §8).
public enum CorrelationStructure: Sendable, Equatable {
    /// Independent shocks.
    case independent
    /// z_i = √ρ_b·f + √(ρ_w−ρ_b)·f_d + √(1−ρ_w)·η_i.
    case twoLevel(withinDistrict: Double, acrossDistricts: Double)
    /// A full unit-by-unit matrix in unit file order, with its Cholesky factor.
    case matrix(CorrelationMatrix)
}

/// Restructuring of street-run enterprises (自办企业改制): adopted units divest a share of their
/// enterprise income each year, and the divested enterprises pay tax.
public struct RestructuringPolicy: Sendable, Equatable {
    /// Exit rate x(t) ∈ [0, 1].
    public var exitRate: StepFunction
    /// Tax κ a divested enterprise yields per unit of former income.
    public var taxYield: StepFunction

    /// Creates a restructuring policy.
    public init(exitRate: StepFunction = .zero, taxYield: StepFunction = .zero) {
        self.exitRate = exitRate
        self.taxYield = taxYield
    }
}
