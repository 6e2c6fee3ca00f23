/// The magnitudes the model accepts and produces (model.md §19): beyond them a scenario is a typo
/// (an extra run of zeros, a percentage written as 6 instead of 0.06), not a plan.
public enum ValueLimits {
    /// The largest input amount or indicator, and the largest |money value| a projection may
    /// reach (1e15 — a thousand trillion in any money unit).
    public static let maximumMagnitude = 1e15
    /// The largest growth rate accepted (10 = 1000 % a year).
    public static let maximumGrowth = 10.0
    /// Growth rates above this (1 = 100 % a year) are accepted with a warning.
    public static let warningGrowth = 1.0
    /// Years a scenario may name (base, end).
    public static let years = 1000...9999
    /// The most projected years (end − base).
    public static let maximumHorizon = 500

    /// Whether `value` is finite and within ±`maximumMagnitude`.
    @inlinable
    public static func isWithinMagnitude(_ value: Double) -> Bool { value.magnitude <= maximumMagnitude }
}
