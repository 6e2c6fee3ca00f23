extension Scenario {
    /// How the scenario's money is rounded when written: `precision` decimals by `rounding`.
    public var moneyRounding: MoneyRounding { MoneyRounding(precision: precision, rule: rounding) }
}
