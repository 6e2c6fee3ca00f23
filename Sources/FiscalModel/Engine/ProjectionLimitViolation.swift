/// A computed value beyond model.md §19's limits: a money value that is not finite or exceeds
/// `ValueLimits.maximumMagnitude` in magnitude, or a ratio that is not finite. The run stops at
/// the first one (exit 1, nothing written) and names where it happened and what to check.
public struct ProjectionLimitViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the value belongs.
    public enum Place: Sendable, Equatable {
        /// A street office (街道), by id.
        case unit(String)
        /// A district (区), by id.
        case district(String)
    }

    /// The variant being projected (`counterfactual`, `reform` or a listed variant).
    public var variant: String
    /// The unit or district.
    public var place: Place
    /// The projected year.
    public var year: Int
    /// The output column, as in `units.csv` / `districts.csv` (`tax`, `fee_greening`, …).
    public var column: String
    /// The value reached (on some path, for a Monte Carlo run).
    public var value: Double
    /// The scenario parameters and input columns that most likely drive it.
    public var parameter: String

    /// Creates a violation; `parameter` defaults to the usual driver of `column`.
    public init(variant: String, place: Place, year: Int, column: String, value: Double, parameter: String? = nil) {
        self.variant = variant
        self.place = place
        self.year = year
        self.column = column
        self.value = value
        self.parameter = parameter ?? Self.likelyParameter(column)
    }

    /// `reform unit 'xiagang' 2035 fee_greening reached 1.2e+18 (more than 1e15) — check …`.
    public var description: String {
        let place: String
        switch self.place {
        case .unit(let id): place = "unit '\(id)'"
        case .district(let id): place = "district '\(id)'"
        }
        let reached = value.isNaN ? "an undefined value (NaN)" : value.isInfinite ? "infinity" : "\(value) (more than 1e15 in magnitude)"
        return "\(variant) \(place) \(year) \(column) reached \(reached) — check \(parameter)"
    }

    /// The parameters behind an output column, for the message's "check …".
    static func likelyParameter(_ column: String) -> String {
        switch column {
        case "tax", "reference", "increment", "rebate", "rebates", "net_revenue", "counterfactual_net_revenue", "reform_effect":
            return "growth.tax, growth.byTag, the units file's tax and tax_growth columns, incentive.elasticity and growth.volatility"
        case "capacity_factor": return "districts.capacity and the rebate bands"
        case "allocation": return "allocation.indexation and the units file's allocation column"
        case "fees_total", "fees_collected", "fees_transferred", "fees_retained":
            return "lineFees.*.growth and the fee columns of the units file"
        case "donations", "donations_pooled", "donations_allocated", "donations_retained", "donations_reserve":
            return "donations.sources (amount, growth, volatility) and donations.minimumPerUnit"
        case "enterprise_income": return "the units file's enterprise_income column and restructuring"
        case "collective_income": return "collective.growth and the units file's collective_income column"
        case "need": return "needs.*.unitCost and growth, lineFees.*.taskCost and the indicator columns they name"
        default: return "the growth rates and amounts that make it up (tax, allocation, fees, donations, incomes, needs)"
        }
    }
}
