/// Line fees to blocks (条费转块, 费随事转): a special-purpose fee that a line department
/// (条条部门) collects — greening 绿化, sanitation 环卫, security 治安 — passed to the streets
/// that do the work.
public struct LineFeePolicy: Sendable, Equatable {
    /// The unit cost of the task the fee pays for, for the 费随事转 coverage check.
    public struct TaskCost: Sendable, Equatable {
        /// Indicator column measuring the task (e.g. green area).
        public var indicator: String
        /// Cost per indicator unit in the base year's prices.
        public var unitCost: StepFunction
        /// Yearly growth of the unit cost.
        public var growth: StepFunction

        /// Creates a task cost.
        public init(indicator: String, unitCost: StepFunction, growth: StepFunction = .zero) {
            self.indicator = indicator
            self.unitCost = unitCost
            self.growth = growth
        }
    }

    /// Fee category id, e.g. `greening`.
    public var id: String
    /// Units-CSV column with the fee collected in the unit's area in the base year.
    public var collectedColumn: String
    /// Yearly growth of the collection.
    public var growth: StepFunction
    /// Share τ(t) of the collection passed down.
    public var transferShare: StepFunction
    /// How the transferred fee is split among the district's units.
    public var allocationKey: AllocationKey
    /// The task the fee pays for, if known.
    public var taskCost: TaskCost?
    /// Which adopted units receive the fee (default: all).
    public var eligibility: Eligibility
    /// The category's name people read (`title:`, model.md §22), `nil` for the id.
    public var title: String?

    /// Creates a fee category.
    public init(
        id: String, collectedColumn: String, growth: StepFunction = .zero, transferShare: StepFunction,
        allocationKey: AllocationKey, taskCost: TaskCost? = nil, eligibility: Eligibility = .everyone
    ) {
        self.id = id
        self.collectedColumn = collectedColumn
        self.growth = growth
        self.transferShare = transferShare
        self.allocationKey = allocationKey
        self.taskCost = taskCost
        self.eligibility = eligibility
    }
}
