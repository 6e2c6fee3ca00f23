/// Where the units and districts of a (sharded) simulation sit in the full run's draws.
///
/// Every draw is keyed by (seed, path, year, stream, index) with the index of the full run
/// (`NormalDraws`), so a shard that simulates a subset of districts looks its draws up by these
/// indices and sees exactly the numbers the unsharded run gives the same units and districts.
public struct DrawIndices: Sendable, Equatable {
    /// Number of units N of the full run.
    public let fullUnitCount: Int
    /// Number of districts of the full run.
    public let fullDistrictCount: Int
    /// Full-run index of each simulated unit, in the simulation's order.
    public let units: [Int]
    /// Full-run index of each simulated district, in the simulation's order.
    public let districts: [Int]

    /// Indices of `units` and `districts` within a run of `fullUnitCount` units and
    /// `fullDistrictCount` districts.
    public init(fullUnitCount: Int, fullDistrictCount: Int, units: [Int], districts: [Int]) {
        precondition(units.allSatisfy { (0..<fullUnitCount).contains($0) })
        precondition(districts.allSatisfy { (0..<fullDistrictCount).contains($0) })
        self.fullUnitCount = fullUnitCount
        self.fullDistrictCount = fullDistrictCount
        self.units = units
        self.districts = districts
        isIdentity = units.count == fullUnitCount && districts.count == fullDistrictCount
            && units.indices.allSatisfy { units[$0] == $0 } && districts.indices.allSatisfy { districts[$0] == $0 }
    }

    /// The unsharded run of `scenario`: every unit and district at its own index.
    public init(identityOf scenario: Scenario) {
        self.init(
            fullUnitCount: scenario.units.count, fullDistrictCount: scenario.districts.count,
            units: Array(scenario.units.indices), districts: Array(scenario.districts.indices))
    }

    /// Whether this is the full run itself (every index its own).
    public let isIdentity: Bool
}
