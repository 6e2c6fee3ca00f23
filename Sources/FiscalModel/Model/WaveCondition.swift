/// What a wave watches in its evidence group (证据, model.md §20).
public enum WaveMetric: String, Sendable, Equatable, CaseIterable {
    /// Σ resources / Σ need over the adopted evidence units.
    case selfSufficiency = "self_sufficiency"
    /// Share of the adopted evidence units with a negative gap.
    case gapShare = "gap_share"
    /// Σ T(e) / Σ T(e−1) − 1 over the adopted evidence units.
    case taxGrowth = "tax_growth"
    /// `tax_growth` of the evidence units minus that of the comparison units of their districts.
    case growthAdvantage = "growth_advantage"
    /// Cumulative reform effect of the districts holding evidence units (money).
    case reformEffect = "reform_effect"
}

/// A test on a wave's evidence: `{metric, above | below, window}` (model.md §20). `above: x` holds
/// in an evidence year when the metric is ≥ x, `below: x` when it is ≤ x.
public struct WaveCondition: Sendable, Equatable {
    /// Which way the metric is compared with the threshold.
    public enum Direction: String, Sendable, Equatable {
        /// metric ≥ threshold.
        case above
        /// metric ≤ threshold.
        case below
    }

    /// The metric.
    public var metric: WaveMetric
    /// `above` or `below`.
    public var direction: Direction
    /// The threshold; the value in force in the evidence year applies.
    public var threshold: StepFunction
    /// Consecutive evidence years that must pass; `nil` takes the default (`when`: the wave's
    /// `window`, `stopWhen`: 1).
    public var window: Int?

    /// Creates a condition.
    public init(metric: WaveMetric, direction: Direction, threshold: StepFunction, window: Int? = nil) {
        self.metric = metric
        self.direction = direction
        self.threshold = threshold
        self.window = window
    }

    /// Whether `value` passes against `threshold`.
    @inlinable public func passes(_ value: Double, threshold: Double) -> Bool {
        direction == .above ? value >= threshold : value <= threshold
    }

    /// "self_sufficiency ≥ 1.1" with the threshold in force in `year`.
    public func describe(in year: Int) -> String {
        "\(metric.rawValue) \(direction == .above ? "≥" : "≤") \(threshold.value(in: year).shortText)"
    }
}

extension Double {
    /// Shortest round-trip text without a trailing `.0`, for summaries and explanations.
    public var shortText: String {
        let text = description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
