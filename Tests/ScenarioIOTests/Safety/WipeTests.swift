import Foundation
import Testing

/// Issue 23, item 1: `--out` never deletes what fiscal-sim did not write. Every case runs the
/// real binary in a planner's project folder and checks that exit is 2, the message names the
/// folder, and not one byte under the project changed.
@Suite("Output folders: a user's files are never replaced (issue 23)")
struct WipeTests {
    /// Runs `arguments` in the project and expects an input error that leaves every file as it was.
    func expectRefused(
        _ arguments: [String], in project: PlannerProject, from folder: URL? = nil, mentioning text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = project.tree()
        let (status, stderr) = try ToolBinary.run(arguments, in: folder ?? project.url)
        #expect(status == 2, "\(arguments): exit \(status)\n\(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.contains(text), "\(arguments): \(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("NSCocoaErrorDomain"), "\(stderr)", sourceLocation: sourceLocation)
        #expect(project.tree() == before, "\(arguments) changed files", sourceLocation: sourceLocation)
    }

    @Test func anEmptyOutIsRefused() throws {
        let project = try PlannerProject()
        try expectRefused(["run", "siming-pilot.yaml", "--out", "", "--quiet"], in: project, mentioning: "--out: error: the output folder is empty")
        try expectRefused(["run", "siming-pilot.yaml", "--out", "  ", "--quiet"], in: project, mentioning: "empty")
    }

    @Test func theCurrentFolderAndTheInputsFolderAreRefused() throws {
        let project = try PlannerProject()
        try expectRefused(["run", "siming-pilot.yaml", "--out", ".", "--quiet"], in: project, mentioning: "holds the input file siming-pilot.yaml")
        try expectRefused(["run", "siming-pilot.yaml", "--out", "data", "--quiet"], in: project, mentioning: "holds the input file data/siming-streets.csv")
        try expectRefused(["run", "proj/siming-pilot.yaml", "--out", "proj", "--quiet"], in: project, from: project.root.url, mentioning: "holds the input file")
        try expectRefused(["run", "siming-pilot.yaml", "--out", "..", "--quiet"], in: project, mentioning: "holds the input file")
    }

    @Test func aUsersFolderIsRefusedByEveryWriter() throws {
        let project = try PlannerProject()
        let user = "../user"
        try expectRefused(["run", "siming-pilot.yaml", "--out", user, "--quiet"], in: project, mentioning: "../user is not a fiscal-sim output folder (it holds keep.txt)")
        try expectRefused(["run", "--out", user, "--quiet"], in: project, mentioning: "not a fiscal-sim output folder")
        try expectRefused(["sweep", "siming-pilot.yaml", "--grid", "rebate.termYears=3,5", "--out", user, "--quiet"], in: project, mentioning: "not a fiscal-sim output folder")
        try expectRefused(
            ["solve", "siming-pilot.yaml", "--vary", "rebate.termYears", "--between", "1", "9", "--target", "reform_effect=0", "--out", user],
            in: project, mentioning: "not a fiscal-sim output folder")
        try expectRefused(["calibrate", "siming-pilot.yaml", "--history", "data/siming-streets.csv", "--out", user], in: project, mentioning: "not a fiscal-sim output folder")
        try expectRefused(["run", "siming-pilot.yaml", "--out", "notes.txt", "--quiet"], in: project, mentioning: "exists and is not a folder")
    }

    @Test func ourFolderIsReplacedButNotOnceTheUserAddedAFile() throws {
        let project = try PlannerProject()
        let run = ["run", "siming-pilot.yaml", "--out", "out/a", "--quiet"]
        #expect(try ToolBinary.run(run, in: project.url).status == 0)
        #expect(try ToolBinary.run(run, in: project.url).status == 0, "a folder fiscal-sim wrote is replaced")
        try project.root.write("proj/out/a/我的批注.txt", "mine")
        try expectRefused(run, in: project, mentioning: "now also holds 我的批注.txt")
        // An empty folder is fine.
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent("empty"), withIntermediateDirectories: false)
        #expect(try ToolBinary.run(["run", "siming-pilot.yaml", "--out", "empty", "--quiet"], in: project.url).status == 0)
    }

    @Test func mergeCannotWriteOverOneOfItsShards() throws {
        let project = try PlannerProject()
        for i in 0..<3 {
            let status = try ToolBinary.run(["run", "siming-pilot.yaml", "--paths", "30", "--shard", "\(i)/3", "--out", "y\(i)", "--quiet"], in: project.url).status
            #expect(status == 0)
        }
        try expectRefused(["merge", "y0", "y1", "y2", "--out", "y0"], in: project, mentioning: "y0 holds the input file y0/shard.json")
        try expectRefused(["merge", "y0", "y1", "y2", "--out", "."], in: project, mentioning: "holds the input file")
        #expect(try ToolBinary.run(["merge", "y0", "y1", "y2", "--out", "merged"], in: project.url).status == 0)
    }

    @Test func aScenarioNameThatIsNotOneFolderNameIsRefused() throws {
        let project = try PlannerProject()
        for name in ["\"..\"", "\"../victim\"", "\".\"", "a/b", "'a\\b'"] {
            let file = try project.scenario(named: name, as: "renamed.yaml")
            try expectRefused(["validate", file], in: project, mentioning: "renamed.yaml:21:7: error: name: cannot be used as the run folder's name")
            try expectRefused(["run", file, "--quiet"], in: project, mentioning: "cannot be used as the run folder's name")
        }
    }
}
