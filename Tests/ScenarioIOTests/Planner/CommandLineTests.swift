import Foundation
import Testing

/// The built `fiscal-sim` binary, next to the test bundle in the build products folder.
enum ToolBinary {
    /// Its URL, or `nil` if it has not been built.
    static let url: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fiscal-sim"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fiscal-sim"),
            Repository.root.appendingPathComponent(".build/debug/fiscal-sim"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A process running the tool with `arguments`, its output discarded or captured.
    static func process(_ arguments: [String], in folder: URL, stdout: Pipe? = nil, stderr: Pipe? = nil) throws -> Process {
        let binary = try #require(url, "build the fiscal-sim binary first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        return process
    }

    /// Runs the tool to completion: exit status and standard error.
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, stderr: String) {
        let errors = Pipe()
        let process = try process(arguments, in: folder, stderr: errors)
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Every file of a folder (name → bytes), or `nil` if it does not exist.
func snapshot(_ folder: URL) -> [String: Data]? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
    var files: [String: Data] = [:]
    for name in names { files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) }
    return files
}

/// The command line as scripts see it: exit codes, nothing written on invalid input, and an
/// output folder that survives `kill -9` at any moment.
@Suite("Command line: exit codes, nothing written on bad input, crash safety", .serialized)
struct CommandLineTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func invalidInputExitsTwoAndWritesNothing() throws {
        try folder.write("units.csv", "id,district,tax,allocation\na,d,1,000,100\n")
        try folder.write("s.yaml", "name: t\nyears: {base: 2025, end: 2027}\nunits: units.csv\ndistricts: [{id: d}]\nrebate: {bands: [{rate: 3}]}\n")
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        for arguments in [["validate", "s.yaml"], ["run", "s.yaml"], ["run", "s.yaml", "--out", "out/x"], ["explain", "s.yaml", "--unit", "a", "--year", "2026"]] {
            let (status, stderr) = try ToolBinary.run(arguments, in: folder.url)
            #expect(status == 2, "\(arguments): exit \(status)")
            #expect(stderr.contains("s.yaml:5:25: error: rebate.bands[0].rate must be between 0 and 1"), "\(arguments): \(stderr)")
            #expect(stderr.contains("units.csv:2:3: error:"), "\(arguments): \(stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == before, "\(arguments) wrote something")
        }
    }

    @Test func initRefusesToOverwriteWithExitTwo() throws {
        #expect(try ToolBinary.run(["init", "starter"], in: folder.url).status == 0)
        #expect(try ToolBinary.run(["validate", "starter/scenario.yaml"], in: folder.url).status == 0)
        let (status, stderr) = try ToolBinary.run(["init", "starter"], in: folder.url)
        #expect(status == 2)
        #expect(stderr.contains("already exists"), "\(stderr)")
    }

    /// Issue 4, item 6: a run killed with SIGKILL at any moment leaves the previous complete
    /// folder or the new complete one, never a mix, and no visible partial folder.
    @Test func killedRunLeavesTheOldOrTheNewFolderWhole() throws {
        var units = "id,district,tags,tax,allocation,population,green_area,fee_greening\n"
        for i in 0..<400 {
            units += "u\(i),\(i % 2 == 0 ? "d1" : "d2"),\(i % 5 == 0 ? "pilot" : ""),\(1000 + i),\(100 + i % 50),\(10 + i % 7),\(1 + i % 3),\(5 + i % 4)\n"
        }
        try folder.write("units.csv", units)
        func scenario(growth: String) -> String {
            """
            name: big
            years: {base: 2025, end: 2035}
            units: units.csv
            districts: [{id: d1}, {id: d2}]
            growth: {tax: \(growth)}
            rollout: {default: 2028, byTag: {pilot: 2026}}
            rebate: {bands: [{upTo: 50, rate: 0.3}, {rate: 0.5}]}
            lineFees:
              - {id: greening, collectedColumn: fee_greening, transferShare: 0.5, allocationKey: {green_area: 1}}
            donations: {reserveShare: 0.1, allocationKey: {population: 1}, sources: [{id: s, amount: {d1: 100, d2: 200}}]}
            variants:
              - {name: v1, set: {rebate.bands: [{rate: 0.5}]}}

            """
        }
        let out = folder.url.appendingPathComponent("runs/out")
        // The previous complete run, and (elsewhere) the complete output of the new scenario.
        try folder.write("s.yaml", scenario(growth: "0.05"))
        #expect(try ToolBinary.run(["run", "s.yaml", "--out", "runs/out", "--quiet"], in: folder.url).status == 0)
        let old = try #require(snapshot(out))
        try folder.write("s.yaml", scenario(growth: "0.07"))
        let started = Date()
        #expect(try ToolBinary.run(["run", "s.yaml", "--out", "reference/out", "--quiet"], in: folder.url).status == 0)
        let duration = Date().timeIntervalSince(started)
        let new = try #require(snapshot(folder.url.appendingPathComponent("reference/out")))
        #expect(old != new && Set(old.keys) == Set(new.keys) && old.keys.contains("units.csv"))

        var outcomes: [String] = []
        for fraction in [0.1, 0.5, 0.8, 0.9, 0.95, 0.99] {
            let process = try ToolBinary.process(["run", "s.yaml", "--out", "runs/out", "--quiet"], in: folder.url)
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try #require(snapshot(out), "after a kill at \(fraction) of the run the folder is gone")
            let state = now == old ? "old" : (now == new ? "new" : "mixed")
            #expect(state != "mixed", "kill at \(fraction) of the run left a mix: \(now.keys.sorted())")
            outcomes.append(state)
            // No visible partial folder: only hidden staging folders may remain next to it.
            let visible = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
                .filter { !$0.hasPrefix(".") }
            #expect(visible == ["out"], "visible entries after a kill: \(visible)")
        }
        // A complete run afterwards replaces the folder and clears stale staging folders.
        #expect(try ToolBinary.run(["run", "s.yaml", "--out", "runs/out", "--quiet"], in: folder.url).status == 0)
        #expect(snapshot(out) == new)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["out"], "stale staging folders remain: \(leftovers)")
        print("crash test: run took \(String(format: "%.2f", duration)) s; states after kills: \(outcomes.joined(separator: " "))")
    }
}
