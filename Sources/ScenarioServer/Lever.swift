/// A lever (政策杠杆): a scalar of the scenario a planner moves on the what-if page (model.md §21),
/// addressed by its point path (§15), with its labels, unit, value and bounds.
public struct Lever: Sendable, Equatable {
    /// What kind of value it takes, which fixes its unit, input and bounds.
    public enum Kind: String, Sendable {
        /// A share or rate between 0 and 1 (返还比例, 下拨比例).
        case share
        /// A growth rate (−1 … 10).
        case growth
        /// Money in the scenario's unit (万元 or 元).
        case money
        /// A non-negative number without unit (elasticity, volatility).
        case number
        /// A whole number of years (term, rebase period).
        case years
        /// A calendar year or `never` (roll-out).
        case year
        /// One of `options`.
        case choice
    }

    /// The point path, e.g. `rebate.bands.0.rate`.
    public var path: String
    /// The group the page shows it in (`rebate`, `rollout`, `districts`, …).
    public var group: String
    /// English label.
    public var english: String
    /// Chinese label.
    public var chinese: String
    /// Kind of value.
    public var kind: Kind
    /// The value in the starting variant.
    public var value: LeverValue
    /// Whether a step function (a value per year) is allowed (model.md §13).
    public var stepFunction: Bool
    /// The words allowed besides numbers (`never`), or the options of a choice.
    public var options: [String] = []

    /// Bounds the validator accepts (the page's input limits), `nil` where unbounded.
    public func bounds(moneyLimit: Double, years: ClosedRange<Int>) -> (min: Double?, max: Double?) {
        switch kind {
        case .share: return (0, 1)
        case .growth: return (-1, 10)
        case .money: return (0, moneyLimit)
        case .number: return (0, nil)
        case .years: return (1, Double(years.count))
        case .year: return (Double(years.lowerBound), Double(years.upperBound))
        case .choice: return (nil, nil)
        }
    }

    /// The unit in both languages; money in the scenario's unit (`moneyUnit`, shown as text).
    public func unit(moneyUnit: String) -> (english: String, chinese: String) {
        switch kind {
        case .share: return ("share (0–1)", "比例（0–1）")
        case .growth: return ("a year (0.06 = 6 %)", "年增长率（0.06 = 6%）")
        case .money: return (moneyUnit, moneyUnit)
        case .number: return ("", "")
        case .years: return ("years", "年")
        case .year: return ("year", "年份")
        case .choice: return ("", "")
        }
    }
}
