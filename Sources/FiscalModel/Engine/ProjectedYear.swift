/// One year of a deterministic projection as the yearly engine left it (逐年推演结果, issue 22):
/// the engine that ran the year (the path's wave engine), its one-path output columns and the
/// year index. Its units are read through `unit(_:)`, a view that copies and allocates nothing,
/// so a projection keeps no per-year rows of its own.
public final class ProjectedYear {
    /// The engine that ran the year.
    public let engine: YearEngine
    /// The year's one-path columns (path 0).
    public let output: BatchYearOutput
    /// The year index.
    public let yearIndex: Int
    /// The calendar year.
    public let year: Int

    /// Year index `yearIndex` as `engine` wrote it into `output`.
    init(engine: YearEngine, output: BatchYearOutput, yearIndex: Int) {
        self.engine = engine
        self.output = output
        self.yearIndex = yearIndex
        year = engine.policy.horizon.year(at: yearIndex)
    }

    /// Unit `i`'s values this year.
    @inline(__always)
    public func unit(_ i: Int) -> ProjectedUnitYear { ProjectedUnitYear(projected: self, unit: i) }

    /// Every unit's values this year, file order.
    public var units: LazyMapSequence<Range<Int>, ProjectedUnitYear> {
        (0..<engine.policy.unitCount).lazy.map { self.unit($0) }
    }
}

/// One unit's values in a `ProjectedYear`, read from the engine's columns on access.
public struct ProjectedUnitYear: UnitYearValues {
    /// The year.
    let projected: ProjectedYear
    /// Unit index in file order.
    public let unit: Int

    /// The unit-year's position in the engine's draw-independent arrays, `[y * n + i]`.
    private var at: Int { projected.yearIndex * projected.engine.policy.unitCount + unit }
    /// The unit's position in the one-path output columns.
    private var row: Int { unit * projected.output.unitStride }

    /// Projected year.
    public var year: Int { projected.year }
    /// t ≥ α.
    public var adopted: Bool { projected.engine.adopted[at] }
    /// Tax T(t).
    public var tax: Double { projected.output.tax[row] }
    /// R(t), `nil` where the engine wrote NaN (the rebate does not apply).
    public var reference: Double? {
        let value = projected.output.reference[row]
        return value.isNaN ? nil : value
    }
    /// Increment I(t).
    public var increment: Double { projected.output.increment[row] }
    /// Rebate ρ(t).
    public var rebate: Double { projected.output.rebate[row] }
    /// Allocation A(t).
    public var allocation: Double { projected.engine.policy.allocation[at] }
    /// F_k(t).
    public func fee(_ k: Int) -> Double { projected.engine.fees[k][at] }
    /// Q_k(t).
    public func taskCost(_ k: Int) -> Double { projected.engine.taskCosts[k][at] }
    /// Σ_k F_k(t), as the engine summed it (category order from 0).
    public var feesTotal: Double { projected.engine.feesTotal[at] }
    /// Donations received.
    public var donations: Double { projected.output.donations[row] }
    /// E(t).
    public var enterpriseIncome: Double { projected.engine.enterpriseIncome[at] }
    /// K(t).
    public var collectiveIncome: Double { projected.engine.policy.collectiveIncome[at] }
    /// N(t).
    public var need: Double { projected.engine.need[at] }
}
