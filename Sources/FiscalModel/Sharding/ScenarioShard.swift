/// The part of a scenario one Monte Carlo shard simulates (model.md §16): the districts
/// `DistrictPartition` gives the shard, their units in file order, and where those sit in the
/// full run's draws.
///
/// Districts interact only through the shared draws, so simulating the restricted scenario with
/// the full run's draw indices gives every one of its units and districts the bits the
/// unsharded run gives them, while holding only their state (S × its units).
public struct ScenarioShard: Sendable {
    /// Which shard.
    public let shard: Shard
    /// Its districts, as declared-order indices of the full scenario.
    public let districtRange: Range<Int>
    /// The scenario restricted to those districts and their units.
    public let scenario: Scenario
    /// Where its units and districts sit in the full run's draws.
    public let draws: DrawIndices

    /// Shard `shard` of `full`.
    public init(_ full: Scenario, shard: Shard) {
        let groups = full.unitsByDistrict
        let linked = WavePlan.linkedDistricts(of: full)
        let range = DistrictPartition.districts(of: shard, unitCounts: groups.map(\.count), together: linked)
        let kept = full.units.indices.filter { range.contains(full.units[$0].districtIndex) }
        var scenario = full
        scenario.districts = Array(full.districts[range])
        scenario.units = kept.map { index in
            var unit = full.units[index]
            unit.districtIndex -= range.lowerBound
            return unit
        }
        // The waves live in the shard that holds their linked districts; the others have none.
        let owns = linked.map { range.contains($0.lowerBound) } ?? false
        scenario.reform = full.reform.restricted(to: range, keepingWaves: owns)
        scenario.variants = full.variants.map {
            Variant(name: $0.name, policy: $0.policy.restricted(to: range, keepingWaves: owns))
        }
        self.shard = shard
        self.districtRange = range
        self.scenario = scenario
        self.draws = DrawIndices(
            fullUnitCount: full.units.count, fullDistrictCount: full.districts.count, units: kept,
            districts: Array(range))
    }
}

extension Policy {
    /// The policy for districts `range` only (the per-district entries of those districts).
    /// Without `keepingWaves` the shard holds none of the waves' districts and has no waves.
    func restricted(to range: Range<Int>, keepingWaves: Bool) -> Policy {
        var policy = self
        if !keepingWaves { policy.rollout.waves = [] }
        policy.capacities = Array(capacities[range])
        if var donations = policy.donations {
            donations.sources = donations.sources.map { source in
                var source = source
                source.amounts = Array(source.amounts[range])
                return source
            }
            policy.donations = donations
        }
        return policy
    }
}
