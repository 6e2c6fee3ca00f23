import FiscalModel

/// The values a numeric scenario parameter may take. Every range also holds model.md §19's limits:
/// no magnitude above `ValueLimits.maximumMagnitude`, no growth rate above
/// `ValueLimits.maximumGrowth` (and a warning above `ValueLimits.warningGrowth`).
enum ValueRange {
    /// Any finite number.
    case any
    /// ≥ 0 (amounts, costs, volatilities).
    case nonNegative
    /// > 0 (band thresholds).
    case positive
    /// In [0, 1] (rates, shares).
    case unitInterval
    /// ≥ −1 (growth rates).
    case growth

    /// Why `value` is not allowed, or `nil` if it is.
    func violation(_ value: Double) -> String? {
        if self == .growth, value > ValueLimits.maximumGrowth {
            return "must be ≤ \(NumberText.message.text(ValueLimits.maximumGrowth)) (a growth rate: 0.06 means 6 % a year, \(NumberText.message.text(ValueLimits.maximumGrowth)) means \(Int(ValueLimits.maximumGrowth * 100)) %)"
        }
        if !ValueLimits.isWithinMagnitude(value) {
            return "must be at most 1e15 in magnitude (amounts, indicators and parameters above that are taken for a typo)"
        }
        switch self {
        case .any: return nil
        case .nonNegative: return value >= 0 ? nil : "must be ≥ 0"
        case .positive: return value > 0 ? nil : "must be > 0"
        case .unitInterval: return (0...1).contains(value) ? nil : "must be between 0 and 1 (a share: 0.3 means 30 %)"
        case .growth: return value >= -1 ? nil : "must be ≥ -1 (a growth rate: 0.06 means 6 % a year)"
        }
    }
}

extension ValueRange {
    /// Why `value` is allowed but probably not meant, or `nil`.
    func warning(_ value: Double) -> String? {
        guard self == .growth, value > ValueLimits.warningGrowth else { return nil }
        return "is above 1 (\(Int((value * 100).rounded())) % a year); 0.06 means 6 %"
    }
}
