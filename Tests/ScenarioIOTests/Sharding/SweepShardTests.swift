import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// Sharded sweeps (model.md §16): shard I evaluates the points p with (p − 1) mod K = I, and the
/// merge is the unsharded sweep folder byte for byte.
@Suite("Sharded sweeps")
struct SweepShardTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func shardsTakeEveryKthPoint() {
        #expect(Shard(index: 0, of: 3)!.points(of: 8) == [1, 4, 7])
        #expect(Shard(index: 2, of: 3)!.points(of: 8) == [3, 6])
        #expect(Shard(index: 4, of: 5)!.points(of: 3) == [])
    }

    /// Writes the sweep of `plan` (all points) and its K shards, merges the shards and expects
    /// the unsharded folder.
    func expectMergeEqualsUnsharded(_ plan: SweepPlan, grid: [String], shards k: Int, _ label: String) throws {
        let evaluator = SweepEvaluator(plan, threads: 2)
        let all = Array(1...plan.definition.points.count)
        let full = folder.url.appendingPathComponent("full-\(label)")
        try RunFolder(full).write(try SweepFolder.files(plan, numbers: all, rows: evaluator.rows(of: all), grid: grid, shard: nil))
        var shards: [String] = []
        for i in 0..<k {
            let shard = Shard(index: i, of: k)!
            let numbers = shard.points(of: all.count)
            let path = folder.path("\(label)-shard-\(i)")
            try RunFolder(URL(fileURLWithPath: path)).write(
                try SweepFolder.files(plan, numbers: numbers, rows: evaluator.rows(of: numbers), grid: grid, shard: shard))
            shards.append(path)
        }
        let merge = ShardMerge(shards.shuffled())
        let job = try merge.check()
        #expect(job.command == "sweep" && job.defaultFolder == "out/\(plan.template.loaded.scenario.name)-sweep")
        let merged = folder.url.appendingPathComponent("merged-\(label)")
        try merge.write(job, to: merged)
        let expected = try #require(snapshot(full))
        #expect(try #require(snapshot(merged)) == expected, "\(label): the merged sweep differs from the unsharded one")
        #expect(expected.keys.sorted() == ["datapackage.json", "sweep.csv", "sweep.json"])
    }

    @Test func mergedSweepsAreByteIdentical() throws {
        let grid = ["rebate.bands.0.rate=0.2:0.5:4", "rollout.default=2027,2029,2031"]
        try expectMergeEqualsUnsharded(try SweepRun.plan(SweepRun.pilot, grid: grid), grid: grid, shards: 5, "deterministic")
        try expectMergeEqualsUnsharded(try SweepRun.plan(SweepRun.pilot, grid: grid, paths: 40, seed: 3), grid: grid, shards: 4, "monte-carlo")
        // More shards than points: the last ones are header-only.
        try expectMergeEqualsUnsharded(try SweepRun.plan(SweepRun.pilot, grid: grid, paths: 20), grid: grid, shards: 14, "empty")
    }

    @Test func aSweepShardRecordsItsDesignAndOptions() throws {
        let designText = "point,rebate.bands.0.rate\nlow,0.2\nhigh,0.4\n"
        let design = try folder.write("design.csv", designText)
        let plan = try SweepPlan(
            template: ScenarioTemplate(path: SweepRun.pilot), definition: SweepDefinition.design(Data(designText.utf8), file: design),
            paths: 30, seed: 5)
        let files = try SweepFolder.files(plan, numbers: [2], rows: SweepEvaluator(plan, threads: 1).rows(of: [2]), grid: [], shard: Shard(index: 1, of: 2)!)
        let manifest = try JSONDecoder().decode(ShardManifest.self, from: try #require(files.first { $0.name == "shard.json" }?.data))
        #expect(manifest.command == "sweep" && manifest.index == 1 && manifest.count == 2)
        #expect(manifest.options == ["paths": "30", "seed": "5", "variant": "", "design": design])
        #expect(manifest.inputs["design"] == ContentDigest.sha256(Data(designText.utf8)))
        #expect(manifest.files.map(\.name) == ["sweep.csv", "sweep.json", "datapackage.json"])
        let pilotDistricts = plan.template.loaded.scenario.districts.count
        #expect(manifest.files[0].rows == pilotDistricts + 1)
    }
}
