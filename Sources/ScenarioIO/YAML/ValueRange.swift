/// The values a numeric scenario parameter may take.
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
        switch self {
        case .any: return nil
        case .nonNegative: return value >= 0 ? nil : "must be ≥ 0"
        case .positive: return value > 0 ? nil : "must be > 0"
        case .unitInterval: return (0...1).contains(value) ? nil : "must be between 0 and 1 (a share: 0.3 means 30 %)"
        case .growth: return value >= -1 ? nil : "must be ≥ -1 (a growth rate: 0.06 means 6 % a year)"
        }
    }
}
