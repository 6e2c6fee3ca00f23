/// The tax step every rebate rule shares (model.md §4), and the year of a scenario without a rebate.
extension YearEngine {
    /// Advances unit `i`'s tax from T(t−1) to T(t) on every path (the growth factor clamped at
    /// 0, or the planned value) and writes it out; returns how many values were clamped.
    @inline(__always)
    func advanceTax(unit i: Int, _ unit: EngineYear.UnitColumns, in year: EngineYear) -> Int {
        let y = year.yearIndex
        let paths = year.paths
        let k = y * policy.unitCount + i
        let state = unit.state
        var clamped = 0
        let planned = policy.plannedTax[k]
        if !planned.isNaN {
            for q in 0..<paths { state[q] = planned }
        } else {
            let base = growthBase[k]
            let addition = taxAddition[k]
            let sigma = policy.volatility[y]
            if let taxShocks = year.taxShocks {
                let z = taxShocks + i * paths
                for q in 0..<paths {
                    var factor = 1 + (base + sigma * z[q])
                    if factor < 0 {
                        factor = 0
                        clamped += 1
                    }
                    state[q] = state[q] * factor + addition
                }
            } else {
                var factor = 1 + base
                if factor < 0 {
                    factor = 0
                    clamped += paths
                }
                for q in 0..<paths { state[q] = state[q] * factor + addition }
            }
        }
        unit.tax.update(from: state, count: paths)
        return clamped
    }

    /// A year without a rebate section: no reference, increment or rebate.
    func advanceWithoutRebate(_ year: EngineYear) -> Int {
        var clamped = 0
        for i in 0..<policy.unitCount {
            let unit = year.unit(i)
            for q in 0..<year.paths { unit.reference[q] = .nan }
            clamped += advanceTax(unit: i, unit, in: year)
            for q in 0..<year.paths {
                unit.increment[q] = 0
                unit.rebate[q] = 0
            }
        }
        return clamped
    }
}
