/// The rebate to street offices: by default the tax-increment proportional rebate (税收增量比例返还),
/// where tax created above a reference (基数) is rebated at marginal band rates; or the linked
/// rule (挂钩返还, SPEC §14), where a base amount grows at a coefficient of the tax growth.
public struct RebatePolicy: Sendable, Equatable {
    /// Which rule turns a unit's tax into its rebate.
    public enum Rule: Sendable, Equatable {
        /// Increment sharing (SPEC §6.1): `reference`, `bands` and the fixed-reference options apply.
        case increment
        /// The linked rule (SPEC §14): `reference`, `bands`, `rebaseEveryYears` and
        /// `referenceGrowth` do not apply.
        case linked(LinkedRebate)

        /// The rule's name as a scenario writes it in `rebate.rule`.
        public var name: RuleName {
            if case .linked = self { return .linked }
            return .increment
        }
    }

    /// The values of `rebate.rule`.
    public enum RuleName: String, Sendable, Equatable, CaseIterable {
        /// Increment sharing (the default).
        case increment
        /// The linked rule.
        case linked
    }

    /// How the reference R(t) is set.
    public enum Reference: String, Sendable, Equatable, CaseIterable {
        /// The tax in the year before adoption (optionally rebased every k years and indexed).
        case fixed
        /// Last year's tax: only this year's new tax counts.
        case rolling
        /// The highest tax since the year before adoption.
        case ratchet
    }

    /// A marginal band: `rate` applies to the part of the increment between the previous
    /// band's `upTo` and this one's.
    public struct Band: Sendable, Equatable {
        /// Upper bound of the band; `nil` for the last, open band.
        public var upTo: StepFunction?
        /// Rebate rate in [0, 1].
        public var rate: StepFunction

        /// Creates a band.
        public init(upTo: StepFunction?, rate: StepFunction) {
            self.upTo = upTo
            self.rate = rate
        }
    }

    /// The rule (increment sharing unless set).
    public var rule: Rule
    /// Reference mode.
    public var reference: Reference
    /// Fixed reference only: reset the base every k years of adoption.
    public var rebaseEveryYears: Int?
    /// Fixed reference only: yearly indexation of the base, q(t).
    public var referenceGrowth: StepFunction?
    /// The rebate applies in the first n years of adoption only.
    public var termYears: Int?
    /// Marginal bands; the last is open (empty under the linked rule).
    public var bands: [Band]
    /// Upper limit of one unit's rebate in a year, applied before district capacity.
    public var capPerUnit: StepFunction?
    /// Which units the rebate applies to (default: not village-converted).
    public var eligibility: Eligibility

    /// Creates a rebate policy.
    public init(
        reference: Reference = .fixed, rebaseEveryYears: Int? = nil, referenceGrowth: StepFunction? = nil,
        termYears: Int? = nil, bands: [Band], capPerUnit: StepFunction? = nil,
        eligibility: Eligibility = .rebateDefault, rule: Rule = .increment
    ) {
        self.rule = rule
        self.reference = reference
        self.rebaseEveryYears = rebaseEveryYears
        self.referenceGrowth = referenceGrowth
        self.termYears = termYears
        self.bands = bands
        self.capPerUnit = capPerUnit
        self.eligibility = eligibility
    }

    /// A linked-rule rebate (挂钩返还): base share s, coefficient c, optional cap, term and eligibility.
    public static func linked(
        baseShare: StepFunction, coefficient: StepFunction, termYears: Int? = nil, capPerUnit: StepFunction? = nil,
        eligibility: Eligibility = .rebateDefault
    ) -> RebatePolicy {
        RebatePolicy(
            termYears: termYears, bands: [], capPerUnit: capPerUnit, eligibility: eligibility,
            rule: .linked(LinkedRebate(baseShare: baseShare, coefficient: coefficient)))
    }
}

/// Marginal band rates resolved for one year.
public struct BandSchedule: Sendable, Equatable {
    /// Upper bounds of all but the last band, strictly increasing.
    public var upperBounds: [Double]
    /// Rates of every band (one more than `upperBounds`).
    public var rates: [Double]

    /// Creates a schedule.
    public init(upperBounds: [Double], rates: [Double]) {
        precondition(rates.count == upperBounds.count + 1)
        self.upperBounds = upperBounds
        self.rates = rates
    }

    /// ρ = Σ_j r_j · max(0, min(I, u_j) − u_{j−1}) with u_0 = 0 and the last band open.
    @inlinable public func rebate(on increment: Double) -> Double {
        var total = 0.0
        var lower = 0.0
        for j in 0..<rates.count {
            let upper = j < upperBounds.count ? upperBounds[j] : Double.infinity
            if increment <= lower { break }
            total += rates[j] * (min(increment, upper) - lower)
            lower = upper
        }
        return total
    }

    /// The part of `increment` that falls in each band.
    public func portions(of increment: Double) -> [Double] {
        var lower = 0.0
        return rates.indices.map { j in
            let upper = j < upperBounds.count ? upperBounds[j] : Double.infinity
            defer { lower = upper }
            return max(0, min(increment, upper) - lower)
        }
    }
}
