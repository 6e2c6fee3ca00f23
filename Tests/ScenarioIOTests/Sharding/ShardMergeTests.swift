import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// Sharded runs and `merge` (model.md §16): the merged folder is the unsharded one byte for byte,
/// for both correlation kinds, and bad merges are input errors naming the shard.
@Suite("Sharded runs and merge")
struct ShardMergeTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Four districts of 1, 4, 2 and 4 units, interleaved in file order, with volatile tax and
    /// donations and a variant with its own tax growth (its own counterfactual).
    func writeScenario(correlation: String, paths: Int = 70, seed: Int = 7) throws -> String {
        let districts = ["a", "b", "c", "b", "d", "b", "c", "d", "b", "d", "d"]
        var units = "id,district,tags,tax,allocation,population,staff\n"
        for (k, d) in districts.enumerated() {
            units += "u\(k),\(d),\(k % 3 == 0 ? "pilot" : ""),\(1000 + 137 * k).5,\(300 + 11 * k),\(500 + 40 * k),\(5 + k)\n"
        }
        try folder.write("units.csv", units)
        return try folder.write("s.yaml", """
            name: shardy
            years: {base: 2025, end: 2029}
            seed: \(seed)
            paths: \(paths)
            units: units.csv
            districts: [{id: a, capacity: {maxShareOfRevenue: 0.05}}, {id: b}, {id: c}, {id: d, capacity: {maxAmount: 40}}]
            growth: {tax: 0.05, volatility: 0.2, correlation: \(correlation)}
            rollout: {default: 2027, byTag: {pilot: 2026}}
            rebate: {bands: [{upTo: 100, rate: 0.3}, {rate: 0.5}]}
            donations:
              reserveShare: 0.1
              allocationKey: {population: 1}
              sources: [{id: firms, amount: {a: 100, b: 300, d: 50}, growth: 0.03, volatility: 0.3}]
            needs: [{id: staff, indicator: staff, unitCost: 9.5}]
            variants: [{name: faster, set: {growth.tax: 0.08}}]

            """)
    }

    /// A correlation matrix for the scenario's units: 0.25 across districts, 0.55 within one.
    func writeMatrix() throws {
        let districts = ["a", "b", "c", "b", "d", "b", "c", "d", "b", "d", "d"]
        var text = "id," + districts.indices.map { "u\($0)" }.joined(separator: ",") + "\n"
        for i in districts.indices {
            text += "u\(i)," + districts.indices.map { j in i == j ? "1" : districts[i] == districts[j] ? "0.55" : "0.25" }.joined(separator: ",") + "\n"
        }
        try folder.write("matrix.csv", text)
    }

    /// Runs shard i of k of `loaded` into `prefix-i` folders; returns their paths.
    func runShards(_ loaded: LoadedScenario, _ k: Int, options: RunWriter.Options = .init(), prefix: String = "shard") throws -> [String] {
        try (0..<k).map { i in
            let path = folder.path("\(prefix)-\(i)")
            let run = try ScenarioRun(loaded, options: options, threads: 2, shard: Shard(index: i, of: k)!)
            try RunFolder(URL(fileURLWithPath: path)).write(run.files)
            return path
        }
    }

    /// The merge of `shards` equals the unsharded run of `loaded`, file for file.
    func expectMergeEqualsUnsharded(_ loaded: LoadedScenario, shards k: Int, options: RunWriter.Options = .init(), _ label: String) throws {
        let unsharded = folder.url.appendingPathComponent("full-\(label)")
        try RunFolder(unsharded).write(try ScenarioRun(loaded, options: options, threads: 2).files)
        let shards = try runShards(loaded, k, options: options, prefix: "shard-\(label)")
        let merge = ShardMerge(shards.reversed())
        let merged = folder.url.appendingPathComponent("merged-\(label)")
        try merge.write(try merge.check(), to: merged)
        let expected = try #require(snapshot(unsharded))
        let got = try #require(snapshot(merged))
        #expect(got.keys.sorted() == expected.keys.sorted(), "\(label)")
        for (name, data) in expected {
            #expect(got[name] == data, "\(label): merged \(name) differs from the unsharded run's")
        }
    }

    @Test func mergeIsByteIdenticalWithTheTwoLevelCorrelation() throws {
        let loaded = try #require(loadScenario(try writeScenario(correlation: "{withinDistrict: 0.6, acrossDistricts: 0.3}")))
        try expectMergeEqualsUnsharded(loaded, shards: 3, "k3")
        // More shards than districts: some shards are empty (header-only tables).
        try expectMergeEqualsUnsharded(loaded, shards: 7, "k7")
        try expectMergeEqualsUnsharded(loaded, shards: 2, options: .init(excelBOM: true, chineseHeaders: true), "excel-zh")
        // Clamped tax counts add up across shards.
        var wild = loaded
        wild.scenario.reform.taxGrowth.volatility = StepFunction(1.5)
        try expectMergeEqualsUnsharded(wild, shards: 3, "clamped")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("merged-clamped/run.json"))) as! [String: Any]
        #expect(((manifest["diagnostics"] as? [String: Int])?["clampedTax"] ?? 0) > 0)
    }

    @Test func mergeIsByteIdenticalWithACorrelationMatrix() throws {
        try writeMatrix()
        let loaded = try #require(loadScenario(try writeScenario(correlation: "{matrix: matrix.csv}", paths: 150)))
        try expectMergeEqualsUnsharded(loaded, shards: 3, "matrix")
        let shard = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("shard-matrix-0/shard.json"))) as! [String: Any]
        #expect(shard["blasCore"] as? String == BLASCore.name)
        #expect((shard["inputs"] as? [String: String])?.keys.sorted() == ["matrix", "scenario", "units"])
    }

    @Test func shardManifestListsTheJobAndItsFiles() throws {
        let loaded = try #require(loadScenario(try writeScenario(correlation: "{withinDistrict: 0.6, acrossDistricts: 0.3}")))
        let run = try ScenarioRun(loaded, threads: 1, shard: Shard(index: 1, of: 3)!)
        #expect(run.files.map(\.name) == ["units_quantiles.csv", "districts_quantiles.csv", "brief.csv", "run.json", "datapackage.json", "brief-partials.bin", "shard.json"])
        let manifest = try JSONDecoder().decode(ShardManifest.self, from: try #require(run.file(named: "shard.json")))
        #expect(manifest.index == 1 && manifest.count == 3 && manifest.command == "run" && manifest.scenario == loaded.path)
        #expect(manifest.options == ["paths": "70", "seed": "7", "excel": "false", "lang": "en"])
        #expect(manifest.blasCore == nil)
        #expect(manifest.inputs["scenario"] == loaded.sha256 && manifest.inputs["units"]?.count == 64)
        // 11 units; district midpoints 0.5, 3, 6, 9 → shards 0, 0, 1, 2: shard 1 holds c (2 units).
        let units = try #require(manifest.files.first { $0.name == "units_quantiles.csv" })
        #expect(units.rows == 3 * 2 * 4 * loaded.scenario.feeCategories.count + 3 * 2 * 4 * 13)
        #expect(units.sha256 == ContentDigest.sha256(try #require(run.file(named: "units_quantiles.csv"))))
        #expect(manifest.files.first { $0.name == "run.json" }?.rows == nil)
        let text = String(decoding: try #require(run.file(named: "shard.json")), as: UTF8.self)
        for forbidden in [folder.url.path, "threads", ProcessInfo.processInfo.hostName] {
            #expect(!text.contains(forbidden) || loaded.path.contains(forbidden), "shard.json holds '\(forbidden)'")
        }
    }

    @Test func badMergesNameTheShardAndWriteNothing() throws {
        let loaded = try #require(loadScenario(try writeScenario(correlation: "{withinDistrict: 0.6, acrossDistricts: 0.3}")))
        let shards = try runShards(loaded, 3)
        var other = loaded
        other.scenario.seed = 8
        let foreign = try runShards(other, 3, prefix: "foreign")
        let destination = folder.url.appendingPathComponent("merged")
        func expectRejected(_ folders: [String], _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            let merge = ShardMerge(folders)
            do {
                let job = try merge.check()
                try? merge.write(job, to: destination)
                Issue.record("merge of \(folders) was accepted", sourceLocation: sourceLocation)
            } catch {
                for fragment in fragments {
                    #expect(error.description.contains(fragment), "\(fragment) not in: \(error.description)", sourceLocation: sourceLocation)
                }
            }
            #expect(!FileManager.default.fileExists(atPath: destination.path), "something was written", sourceLocation: sourceLocation)
        }
        expectRejected([shards[0], shards[2]], ["shard 1/3: error: missing"])
        expectRejected([shards[0], shards[1], shards[2], shards[1]], ["\(shards[1]): error: duplicate shard 1/3"])
        expectRejected([shards[0], foreign[1], shards[1], shards[2]], ["\(foreign[1]): error: foreign shard", "options.seed"])
        expectRejected([folder.path("nowhere"), shards[1], shards[2], shards[0]], ["nowhere: error: no such shard folder"])
        // One changed byte in a table.
        let table = (shards[2] as NSString).appendingPathComponent("units_quantiles.csv")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: table))
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: table))
        expectRejected(shards, ["\(table): error: corrupted shard 2"])
    }

    @Test func shardSelectionParsesAndReadsTheSlurmArrayVariables() throws {
        #expect(try ShardSelection(parsing: "1/3") == .fixed(Shard(index: 1, of: 3)!))
        #expect(try ShardSelection(parsing: "auto") == .auto)
        #expect(try ShardSelection(parsing: "auto/16") == .autoOf(16))
        for bad in ["3/3", "-1/3", "1/0", "1", "a/b", "auto/", "1/3/4", ""] {
            #expect(throws: ShardSelection.Problem.self, "'\(bad)'") { try ShardSelection(parsing: bad) }
        }
        let array = ["SLURM_ARRAY_TASK_ID": "11", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_STEP": "1"]
        #expect(try ShardSelection.auto.resolve(environment: array) == Shard(index: 1, of: 3)!)
        #expect(try ShardSelection.autoOf(16).resolve(environment: ["SLURM_ARRAY_TASK_ID": "5"]) == Shard(index: 5, of: 16)!)
        #expect(try ShardSelection.fixed(Shard(index: 2, of: 3)!).resolve(environment: [:]) == Shard(index: 2, of: 3)!)
        for environment in [[:], array.merging(["SLURM_ARRAY_TASK_STEP": "2"]) { $1 }, array.filter { $0.key != "SLURM_ARRAY_TASK_COUNT" }] {
            #expect(throws: ShardSelection.Problem.self, "\(environment)") { try ShardSelection.auto.resolve(environment: environment) }
        }
        #expect(throws: ShardSelection.Problem.self) { try ShardSelection.autoOf(3).resolve(environment: ["SLURM_ARRAY_TASK_ID": "3"]) }
    }
}
