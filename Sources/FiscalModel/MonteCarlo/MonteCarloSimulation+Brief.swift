/// The brief's per-path values (SPEC §22) of a Monte Carlo run.
extension MonteCarloSimulation {
    /// Adds year index `y` of reported variant `v` (0 = `reform`) to the brief's per-path values.
    func addBrief(_ brief: PathBrief, variant v: Int, year y: Int, engine: YearEngine, columns: YearColumns, baseline: Buffer) {
        brief.addYear(
            variant: v, year: y, tax: columns[DistrictYearColumn.tax], rebates: columns[DistrictYearColumn.rebates],
            capacityFactor: columns[DistrictYearColumn.capacityFactor], counterfactualNet: baseline.pointer)
        guard y == scenario.horizon.count - 1 else { return }
        let n = scenario.units.count
        brief.addLastYearGaps(
            variant: v, resources: columns[UnitYearColumn.resources], need: (0..<n).map { engine.need[y * n + $0] },
            districtOf: scenario.units.map(\.districtIndex))
    }
}
