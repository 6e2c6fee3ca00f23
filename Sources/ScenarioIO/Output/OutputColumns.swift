import FiscalModel

/// Column names of the output tables (model.md §9), rendered from the catalogues
/// (`UnitYearColumn`, `DistrictYearColumn`). The listed columns come first, in this order;
/// extra columns follow.
public enum OutputColumns {
    /// `units.csv` columns for fee categories `fees`.
    public static func units(fees: [String]) -> [String] { UnitYearColumn.header(categories: fees) }

    /// `districts.csv` columns for fee categories `fees`.
    public static func districts(fees: [String]) -> [String] { DistrictYearColumn.header(categories: fees) }

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
