import FiscalModel

/// Column names of the output tables (SPEC §9). The listed columns come first, in this order;
/// extra columns follow.
public enum OutputColumns {
    /// `units.csv` columns for fee categories `fees`.
    public static func units(fees: [String]) -> [String] {
        ["variant", "district", "unit", "year", "adopted", "tax", "reference", "increment", "rebate", "allocation"]
            + fees.map { "fee_\($0)" }
            + [
                "fees_total", "donations", "enterprise_income", "collective_income", "resources", "need", "gap",
                "self_sufficiency",
            ]
            + fees.map { "task_cost_\($0)" } + fees.map { "coverage_\($0)" } + ["unit_name"]
    }

    /// `districts.csv` columns for fee categories `fees`.
    public static func districts(fees: [String]) -> [String] {
        [
            "variant", "district", "year", "tax", "rebates", "capacity_factor", "net_revenue",
            "counterfactual_net_revenue", "reform_effect", "fees_collected", "fees_transferred", "fees_retained",
            "donations_pooled", "donations_allocated", "donations_retained", "donations_reserve", "need",
            "resources", "gap",
        ]
            + fees.flatMap { ["fees_collected_\($0)", "fees_transferred_\($0)", "fees_retained_\($0)"] }
            + ["district_name"]
    }

    /// Decimals written for ratios (`self_sufficiency`, `capacity_factor`, coverage).
    public static let ratioPrecision = 6
}

extension Scenario {
    /// How ratios (`self_sufficiency`, `capacity_factor`, coverage) are written: 6 decimals by
    /// the scenario's rounding rule.
    public var ratioRounding: MoneyRounding {
        MoneyRounding(precision: OutputColumns.ratioPrecision, rule: rounding)
    }
}
