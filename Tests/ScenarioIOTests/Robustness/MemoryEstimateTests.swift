import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 14, item 3 (model.md §19): the memory estimate made before a Monte Carlo run allocates.
@Suite("Robustness: memory estimate", .serialized)
struct MemoryEstimateTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// A synthetic scenario (benchmarks/make_synthetic.py) of the given size.
    func synthetic(units: Int, years: Int, paths: Int, districts: Int) throws -> String {
        let out = folder.path("syn-\(units)-\(years)-\(paths)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.path("benchmarks/make_synthetic.py"), out, "--units", "\(units)", "--years", "\(years)", "--paths", "\(paths)", "--districts", "\(districts)"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return out + "/synthetic.yaml"
    }

    /// Peak resident memory of `fiscal-sim run` on `scenario`, by GNU time.
    func peakRSS(_ scenario: String, threads: Int) throws -> Int {
        let binary = try #require(ToolBinary.url)
        let report = folder.path("time.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", report, binary.path, "run", scenario, "--out", folder.path("out"), "--quiet", "--threads", "\(threads)"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let text = try String(contentsOfFile: report, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Int(text.split(separator: "\n").last ?? "")) * 1024
    }

    /// Within 25 % of the measured peak on three shapes: path buffers dominate, then the
    /// statistics and output tables, then both.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")),
          arguments: [(150, 3, 5000, 3), (1500, 6, 70, 6), (400, 4, 1200, 4)])
    func estimateIsWithinAQuarterOfThePeak(units: Int, years: Int, paths: Int, districts: Int) throws {
        let path = try synthetic(units: units, years: years, paths: paths, districts: districts)
        let loaded = try #require(loadScenario(path))
        let estimate = MemoryEstimate(MemoryEstimate.Shape(loaded.scenario, paths: paths, threads: 2))
        let measured = try peakRSS(path, threads: 2)
        let ratio = Double(estimate.bytes) / Double(measured)
        print("memory estimate \(units) units × \(years) years × \(paths) paths: estimate \(estimate.bytes >> 20) MiB, peak RSS \(measured >> 20) MiB, ratio \(ratio)")
        #expect(abs(ratio - 1) <= 0.25, "estimate \(estimate.bytes) bytes, measured \(measured) bytes")
    }

    /// An impossible request stops in seconds with exit 2, what it needs and how to reduce it.
    @Test func impossibleRequestExitsTwoWithTheWayOut() throws {
        let path = try synthetic(units: 2000, years: 10, paths: 2, districts: 4)
        let started = Date()
        let (status, stderr) = try ToolBinary.run(["run", path, "--paths", "20000000", "--out", folder.path("big")], in: folder.url)
        #expect(status == 2)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(stderr.contains("error: this Monte Carlo run needs about"))
        // 268 shards would be needed, but a shard keeps whole districts and there are only 4.
        #expect(stderr.contains("run at most --paths") && !stderr.contains("--shard"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("big")))
    }

    /// `validate` makes the same estimate for the scenario's own paths.
    @Test func validateRunsTheEstimate() throws {
        let path = try synthetic(units: 2000, years: 10, paths: 20_000_000, districts: 4)
        let (status, stderr) = try ToolBinary.run(["validate", path], in: folder.url)
        #expect(status == 2)
        #expect(stderr.contains("error: this Monte Carlo run needs about"))
    }

    /// The message, from fixed figures: needs, available, and a shard count that fits.
    @Test func messageSuggestsPathsAndShards() throws {
        let shape = MemoryEstimate.Shape(paths: 100_000, units: 1000, districts: 4, years: 10, fees: 2, reportedVariants: 3, simulatedRuns: 3)
        let estimate = MemoryEstimate(shape)
        let available = estimate.fixedBytes + estimate.compiledBytes + estimate.bytesPerPath * 30_000
        let message = try #require(MemoryCheck.problem(estimate, available: available, source: "a test"))
        #expect(message.contains("100000 paths × 1000 units"))
        #expect(message.contains("run at most --paths 30000"))
        #expect(message.contains("--shard I/4 (I = 0…3"))
        #expect(MemoryCheck.problem(estimate, available: estimate.bytes, source: "a test") == nil)
        let fixedOnly = try #require(MemoryCheck.problem(estimate, available: estimate.fixedBytes / 2, source: "a test"))
        #expect(fixedOnly.contains("even a few paths do not fit"))
    }

    /// cgroup v2 and v1 limits minus usage, against MemAvailable: the smaller wins.
    @Test func availableMemoryTakesTheTighterOfMemAvailableAndTheCgroup() {
        let meminfo = "MemTotal: 16000000 kB\nMemAvailable:    8000000 kB\n"
        let v2 = AvailableMemory { path in
            ["/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/job/step\n", "/sys/fs/cgroup/job/step/memory.max": "max\n",
             "/sys/fs/cgroup/job/memory.max": "4294967296\n", "/sys/fs/cgroup/job/memory.current": "1073741824\n",
             "/sys/fs/cgroup/job/step/memory.current": "5\n"][path]
        }
        #expect(v2.bytes()?.bytes == 3 << 30)
        #expect(v2.bytes()?.source.contains("cgroup /job") == true)
        let v1 = AvailableMemory { path in
            ["/proc/meminfo": meminfo, "/proc/self/cgroup": "4:memory:/slurm/uid_0/job_7\n0::/\n",
             "/sys/fs/cgroup/memory/memory.limit_in_bytes": "2147483648", "/sys/fs/cgroup/memory/memory.usage_in_bytes": "1073741824"][path]
        }
        #expect(v1.bytes()?.bytes == 1 << 30)
        let unlimited = AvailableMemory { path in
            ["/proc/meminfo": meminfo, "/proc/self/cgroup": "4:memory:/\n", "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712",
             "/sys/fs/cgroup/memory/memory.usage_in_bytes": "5"][path]
        }
        #expect(unlimited.bytes()?.bytes == 8_000_000 * 1024)
        #expect(AvailableMemory { _ in nil }.bytes() == nil)
    }
}
