import Foundation
import Testing

/// `run --shard` and `merge` on the command line (model.md §12, §16): Slurm array variables, usage
/// errors, and exit 2 naming the shard with nothing written for a bad merge.
@Suite("Sharding on the command line", .serialized)
struct ShardCommandTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Runs the tool with extra environment variables: exit status and standard error.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let errors = Pipe()
        let process = try ToolBinary.process(arguments, in: folder.url, stderr: errors)
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }.merging(environment) { $1 }
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func shardOneOfThreeEqualsArrayTaskOneAndMergeEqualsTheUnshardedRun() throws {
        try folder.write("units.csv", "id,district,tax,allocation\na1,a,1000,100\nb1,b,2000,200\na2,a,1500,150\nc1,c,900,90\nb2,b,700,70\n")
        try folder.write("s.yaml", "name: cli\nyears: {base: 2025, end: 2028}\npaths: 40\nunits: units.csv\ndistricts: [{id: a}, {id: b}, {id: c}]\ngrowth: {tax: 0.04, volatility: 0.1, correlation: {withinDistrict: 0.5, acrossDistricts: 0.2}}\nrebate: {bands: [{rate: 0.4}]}\n")
        let quiet = ["--quiet"]
        #expect(try run(["run", "s.yaml", "--shard", "1/3"] + quiet).status == 0)
        let array = ["SLURM_ARRAY_TASK_ID": "8", "SLURM_ARRAY_TASK_MIN": "7", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_STEP": "1"]
        #expect(try run(["run", "s.yaml", "--shard", "auto", "--out", "task1"] + quiet, environment: array).status == 0)
        #expect(try run(["run", "s.yaml", "--shard", "auto/3", "--out", "again1"] + quiet, environment: ["SLURM_ARRAY_TASK_ID": "1"]).status == 0)
        let explicit = try #require(snapshot(folder.url.appendingPathComponent("out/cli-shard-1-of-3")))
        #expect(snapshot(folder.url.appendingPathComponent("task1")) == explicit)
        #expect(snapshot(folder.url.appendingPathComponent("again1")) == explicit)
        #expect(explicit.keys.sorted() == ["brief-partials.bin", "brief.csv", "datapackage.json", "districts_quantiles.csv", "run.json", "shard.json", "units_quantiles.csv"])

        for i in [0, 2] { #expect(try run(["run", "s.yaml", "--shard", "\(i)/3"] + quiet).status == 0) }
        #expect(try run(["run", "s.yaml"] + quiet).status == 0)
        let shards = (0..<3).map { "out/cli-shard-\($0)-of-3" }
        let (status, stderr) = try run(["merge"] + shards.reversed() + ["--out", "merged"])
        #expect(status == 0, "\(stderr)")
        #expect(snapshot(folder.url.appendingPathComponent("merged")) == snapshot(folder.url.appendingPathComponent("out/cli")))
        // The default folder is the unsharded run's.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("out/cli"))
        #expect(try run(["merge"] + shards).status == 0)
        #expect(snapshot(folder.url.appendingPathComponent("out/cli")) == snapshot(folder.url.appendingPathComponent("merged")))

        // Bad merges: exit 2, the shard named, nothing written.
        let table = folder.path("out/cli-shard-2-of-3/districts_quantiles.csv")
        try (String(contentsOfFile: table, encoding: .utf8) + "reform,x,2026,tax,1,1,1,1,1,1\n").write(toFile: table, atomically: false, encoding: .utf8)
        for (arguments, named) in [
            (["merge", shards[0], shards[2], "--out", "bad"], "shard 1/3"),
            (["merge", shards[0], shards[1], shards[1], shards[2], "--out", "bad"], shards[1]),
            (["merge", shards[0], shards[1], shards[2], "--out", "bad"], "out/cli-shard-2-of-3/districts_quantiles.csv: error: corrupted shard 2"),
        ] {
            let (status, stderr) = try run(arguments)
            #expect(status == 2, "\(arguments): exit \(status)")
            #expect(stderr.contains(named), "\(arguments): \(stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("bad")), "\(arguments) wrote a folder")
        }
    }

    @Test func unusableShardOptionsAreUsageErrors() throws {
        try folder.write("units.csv", "id,district,tax,allocation\na1,a,1000,100\n")
        try folder.write("s.yaml", "name: cli\nyears: {base: 2025, end: 2027}\nunits: units.csv\ndistricts: [{id: a}]\ngrowth: {volatility: 0.1}\n")
        let array = ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "2"]
        for (arguments, environment, message) in [
            (["--shard", "1/3"], [:], "deterministic"),
            (["--paths", "5", "--shard", "3/3"], [:], "I must be below K"),
            (["--paths", "5", "--shard", "auto"], [:], "SLURM_ARRAY_TASK_ID is not set"),
            (["--paths", "5", "--shard", "auto"], array.merging(["SLURM_ARRAY_TASK_STEP": "2"]) { $1 }, "SLURM_ARRAY_TASK_STEP is 2"),
            (["--paths", "5", "--shard", "auto/2"], ["SLURM_ARRAY_TASK_ID": "2"], "I must be in"),
        ] as [([String], [String: String], String)] {
            let (status, stderr) = try run(["run", "s.yaml"] + arguments, environment: environment)
            #expect(status == 2, "\(arguments): exit \(status)")
            #expect(stderr.contains(message), "\(arguments): \(stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")))
    }

    @Test func sweepShardsFromTheArrayMergeIntoTheUnshardedSweep() throws {
        try folder.write("units.csv", "id,district,tax,allocation\na1,a,1000,100\nb1,b,2000,200\n")
        try folder.write("s.yaml", "name: sw\nyears: {base: 2025, end: 2027}\nunits: units.csv\ndistricts: [{id: a}, {id: b}]\ngrowth: {tax: 0.04, volatility: 0.1}\nrebate: {bands: [{rate: 0.4}]}\n")
        let sweep = ["sweep", "s.yaml", "--grid", "rebate.bands.0.rate=0.1:0.5:5", "--paths", "30", "--quiet"]
        #expect(try run(sweep).status == 0)
        for task in 4...5 {
            let array = ["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_STEP": "1"]
            #expect(try run(sweep + ["--shard", "auto"], environment: array).status == 0)
        }
        #expect(try run(sweep + ["--shard", "1/2", "--out", "explicit1"]).status == 0)
        #expect(snapshot(folder.url.appendingPathComponent("explicit1")) == snapshot(folder.url.appendingPathComponent("out/sw-sweep-shard-1-of-2")))
        let (status, stderr) = try run(["merge", "out/sw-sweep-shard-0-of-2", "out/sw-sweep-shard-1-of-2", "--out", "merged"])
        #expect(status == 0, "\(stderr)")
        #expect(snapshot(folder.url.appendingPathComponent("merged")) == snapshot(folder.url.appendingPathComponent("out/sw-sweep")))
        // A run shard is foreign to a sweep job.
        #expect(try run(["run", "s.yaml", "--paths", "30", "--shard", "0/2", "--quiet"]).status == 0)
        let (mixed, message) = try run(["merge", "out/sw-shard-0-of-2", "out/sw-sweep-shard-1-of-2", "--out", "mixed"])
        #expect(mixed == 2 && message.contains("foreign shard"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("mixed")))
    }
}
