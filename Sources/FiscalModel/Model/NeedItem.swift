/// One item of a unit's spending need: indicator × unit cost × growth (e.g. staff × salary).
public struct NeedItem: Sendable, Equatable {
    /// Item id, e.g. `staff`.
    public var id: String
    /// Indicator column, e.g. `staff`.
    public var indicator: String
    /// Cost per indicator unit in the base year's prices.
    public var unitCost: StepFunction
    /// Yearly growth of the unit cost.
    public var growth: StepFunction

    /// Creates a need item.
    public init(id: String, indicator: String, unitCost: StepFunction, growth: StepFunction = .zero) {
        self.id = id
        self.indicator = indicator
        self.unitCost = unitCost
        self.growth = growth
    }
}
