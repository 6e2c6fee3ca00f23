/// The brief's per-path values (model.md §22) of a Monte Carlo run.
extension MonteCarloSimulation {
    /// Adds year index `y` of reported variant `v` (0 = `reform`) to the brief's per-path values;
    /// with `waves` (model.md §20) each path's need is that of the engine its wave state ran.
    func addBrief(
        _ brief: PathBrief, variant v: Int, year y: Int, engine: YearEngine, waves: WaveTracker?, columns: YearColumns,
        baseline: Buffer
    ) {
        brief.addYear(
            variant: v, year: y, tax: columns[DistrictYearColumn.tax], rebates: columns[DistrictYearColumn.rebates],
            capacityFactor: columns[DistrictYearColumn.capacityFactor], counterfactualNet: baseline.pointer)
        guard y == scenario.horizon.count - 1 else { return }
        let n = scenario.units.count
        let paths = columns.paths
        var need = [Double](repeating: 0, count: n * paths)
        need.withUnsafeMutableBufferPointer { need in
            for i in 0..<n {
                let k = y * n + i
                if let waves {
                    waves.perPath(0..<paths, into: need.baseAddress! + i * paths) { $0.need[k] }
                } else {
                    for p in 0..<paths { need[i * paths + p] = engine.need[k] }
                }
            }
        }
        brief.addLastYearGaps(
            variant: v, resources: columns[UnitYearColumn.resources], need: need, districtOf: scenario.units.map(\.districtIndex))
    }
}
