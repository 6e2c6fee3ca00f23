/// The tax-increment proportional rebate (税收增量比例返还, model.md §6.1): the tax created above a
/// reference (基数) is rebated at marginal band rates.
public struct IncrementSharing: Sendable, Equatable {
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

    /// Reference mode.
    public var reference: Reference
    /// Fixed reference only: reset the base every k years of adoption.
    public var rebaseEveryYears: Int?
    /// Fixed reference only: yearly indexation of the base, q(t).
    public var referenceGrowth: StepFunction?
    /// Marginal bands; the last is open.
    public var bands: [Band]

    /// Creates the rule's parameters.
    public init(
        reference: Reference = .fixed, rebaseEveryYears: Int? = nil, referenceGrowth: StepFunction? = nil,
        bands: [Band]
    ) {
        self.reference = reference
        self.rebaseEveryYears = rebaseEveryYears
        self.referenceGrowth = referenceGrowth
        self.bands = bands
    }
}
