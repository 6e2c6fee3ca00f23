/// A 95 % interval [lower, upper].
public struct Interval: Sendable, Equatable {
    /// The lower end.
    public var lower: Double
    /// The upper end.
    public var upper: Double

    /// Creates an interval.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `center` ± `halfWidth`.
    public init(center: Double, halfWidth: Double) {
        self.init(lower: center - halfWidth, upper: center + halfWidth)
    }

    /// Whether `value` lies in the interval (ends included).
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// An estimated parameter with its standard error, 95 % interval and how many observations
/// it rests on (model.md §17).
public struct Estimate: Sendable, Equatable {
    /// The estimate.
    public var value: Double
    /// Its standard error, nil when it cannot be computed.
    public var standardError: Double?
    /// Its 95 % interval, nil with the standard error.
    public var interval: Interval?
    /// The number of observations behind it.
    public var count: Int

    /// Creates an estimate.
    public init(value: Double, standardError: Double?, interval: Interval?, count: Int) {
        self.value = value
        self.standardError = standardError
        self.interval = interval
        self.count = count
    }
}

/// One unit's mean growth μ̂_i and sd s_i, or why it was dropped.
public struct UnitGrowthEstimate: Sendable, Equatable {
    /// The unit id.
    public var id: String
    /// Position of its district.
    public var districtIndex: Int
    /// Its growth observations n_i.
    public var observations: Int
    /// μ̂_i with SE s_i/√n_i and a t interval on n_i − 1 degrees of freedom; nil if dropped.
    public var mean: Estimate?
    /// s_i (ddof 1); nil if dropped.
    public var standardDeviation: Double?

    /// Whether the unit has fewer than 3 observations and is left out of every estimate.
    public var isDropped: Bool { mean == nil }
}

/// A two-level correlation ρ̂_w or ρ̂_b: the mean of the counted pairs' R_ij, its jackknife
/// error and interval (about the mean before clipping), and the clipped value to use.
public struct CorrelationEstimate: Sendable, Equatable {
    /// The mean over counted pairs before clipping; nil when no pair counts.
    public var mean: Double?
    /// The value after clipping to 0 ≤ ρ_b ≤ ρ_w ≤ 0.99 (0 when there is no pair).
    public var value: Double
    /// The number of counted pairs behind the mean.
    public var pairs: Int
    /// The delete-one-year jackknife standard error of the mean.
    public var standardError: Double?
    /// The 95 % interval of the mean (logit scale when the mean and every replicate are in (0, 1)).
    public var interval: Interval?
    /// The number of jackknife replicates with at least one counted pair.
    public var replicates: Int
}

/// A note or warning for the calibration report.
public struct CalibrationNote: Sendable, Equatable {
    /// Whether the user should look at it (warning) or it only explains (note).
    public enum Kind: String, Sendable, Equatable {
        /// Something the user should check.
        case warning
        /// Information.
        case note
    }

    /// Warning or note.
    public var kind: Kind
    /// What happened and what it means.
    public var message: String

    /// Creates a note.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
