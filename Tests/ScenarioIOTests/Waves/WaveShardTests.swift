import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Sharded Monte Carlo runs with waves (model.md §16, §20): the districts a wave links are
/// simulated together, and the merged folder is the unsharded run byte for byte.
@Suite("Waves: shards")
struct WaveShardTests {
    /// The wave watches pilots in districts a and c and adopts members of c: a, b, c form one
    /// block (b lies between), d is on its own.
    @Test func linkedDistrictsStayTogetherAndMergeIsByteIdentical() throws {
        let shards = try ShardMergeTests()
        let path = try shards.writeScenario(correlation: "{withinDistrict: 0.6, acrossDistricts: 0.3}", paths: 150)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "rollout: {default: 2027, byTag: {pilot: 2026}}",
            with: """
                rollout:
                  default: never
                  byTag: {pilot: 2026}
                  pilotEffort: 0.02
                  waves:
                    - id: expand
                      members: {districts: [c]}
                      evidence: {units: [u0, u6]}
                      window: 2
                      when: {metric: tax_growth, above: 0.06}
                      stopWhen: {metric: reform_effect, below: -40}
                """)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try #require(loadScenario(path))
        #expect(WavePlan.linkedDistricts(of: loaded.scenario) == 0..<3)
        let owners = DistrictPartition.shardOf(unitCounts: [1, 4, 2, 4], shards: 3, together: 0..<3)
        #expect(owners == [0, 0, 0, 2])
        // Without the link the rule would cut the block: b and c would go to other shards.
        #expect(DistrictPartition.shardOf(unitCounts: [1, 4, 2, 4], shards: 3) != owners)
        try shards.expectMergeEqualsUnsharded(loaded, shards: 3, "waves-k3")
        try shards.expectMergeEqualsUnsharded(loaded, shards: 5, "waves-k5")
        let waves = try String(contentsOf: shards.folder.url.appendingPathComponent("merged-waves-k3/waves.csv"), encoding: .utf8)
        #expect(waves.split(separator: "\n").count == 1 + 2 * 4)
    }
}
