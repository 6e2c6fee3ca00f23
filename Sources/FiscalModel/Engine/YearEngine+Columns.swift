/// The unit-year columns whose value is the same on every path, read from the engine's
/// draw-independent arrays (the per-path ones are in `YearColumns`).
extension YearEngine {
    /// The value of `field` for unit `i` in year index `y` if it does not depend on the draws,
    /// else `nil` (a per-path column, one derived from one, or an identifier).
    public func pathIndependentValue(_ field: UnitYearField, unit i: Int, yearIndex y: Int) -> Double? {
        let k = y * policy.unitCount + i
        switch field.column {
        case .allocation: return policy.allocation[k]
        case .fee: return fees[field.category!][k]
        case .feesTotal: return feesTotal[k]
        case .enterpriseIncome: return enterpriseIncome[k]
        case .collectiveIncome: return policy.collectiveIncome[k]
        case .need: return need[k]
        case .taskCost: return taskCosts[field.category!][k]
        default: return nil
        }
    }
}
