import Foundation
@testable import ScenarioIO
import Testing

/// Issue 23, item 1: what counts as a folder fiscal-sim wrote — by content, not by name.
@Suite("Folder ownership: our manifests by content (issue 23)")
struct FolderOwnershipTests {
    func folder(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (name, text) in files { try folder.write(name, text) }
        return folder
    }

    let ours = #"{"tool" : "fiscal-sim", "version": "0.1.0", "files": ["units.csv", "extra.csv"]}"#

    @Test func ourManifestsMakeAFolderReplaceable() throws {
        for manifest in ["run.json", "sweep.json", "solve.json", "shard.json"] {
            let f = try folder([manifest: ours, "units.csv": "x", "extra.csv": "y", ".DS_Store": ""])
            #expect(FolderOwnership.problem(f.url, shown: "f") == nil, "\(manifest)")
        }
        let shard = try folder(["shard.json": #"{"tool": "fiscal-sim", "files": [{"name": "units_quantiles.csv", "sha256": "x"}]}"#, "units_quantiles.csv": ""])
        #expect(FolderOwnership.problem(shard.url, shown: "f") == nil)
        let calibration = try folder(["calibration.yaml": "# Estimated by fiscal-sim calibrate from h.csv\ngrowth:\n", "units_growth.csv": ""])
        #expect(FolderOwnership.problem(calibration.url, shown: "f") == nil)
    }

    @Test func aManifestByNameOnlyIsNotEnough() throws {
        let cases: [[String: String]] = [
            ["run.json": #"{"tool": "other-tool"}"#],
            ["run.json": "not json"],
            ["sweep.json": #"["fiscal-sim"]"#],
            ["calibration.yaml": "# Estimated by fiscal-sim calibrate\n"],  // without units_growth.csv
            ["calibration.yaml": "growth: {tax: 0.05}\n", "units_growth.csv": ""],
        ]
        for files in cases {
            let f = try folder(files)
            let problem = try #require(FolderOwnership.problem(f.url, shown: "f"), "\(files) was taken for ours")
            #expect(problem.contains("f is not a fiscal-sim output folder"))
        }
    }

    @Test func aFileNotListedAndNotOursIsNamed() throws {
        let f = try folder(["run.json": ours, "units.csv": "", "a.txt": "", "b.txt": "", "c.txt": "", "d.txt": "", "sub/e.txt": ""])
        let problem = try #require(FolderOwnership.problem(f.url, shown: "f"))
        #expect(problem.contains("now also holds a.txt, b.txt, c.txt and 2 more"), "\(problem)")
        let g = try folder(["sub/e.txt": ""])
        #expect(FolderOwnership.problem(g.url, shown: "g")?.contains("it holds sub/") == true)
    }

    @Test func emptyOrMissingFoldersAreFine() throws {
        let f = try TemporaryFolder()
        #expect(FolderOwnership.problem(f.url, shown: "f") == nil)
        #expect(FolderOwnership.problem(f.url.appendingPathComponent("new"), shown: "new") == nil)
    }

    @Test func outputTargetResolvesLinksAndDotDot() throws {
        let f = try folder(["proj/s.yaml": "name: x\n"])
        let link = f.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: f.url.appendingPathComponent("proj"))
        let input = f.path("proj/s.yaml")
        for out in [link.path, f.path("proj/../proj"), f.url.path, "/"] {
            #expect(throws: InputError.self, "\(out)") { try OutputTarget(out: out, default: "x", inputs: [input]) }
        }
        #expect(try OutputTarget(out: f.path("proj/out/run"), default: "x", inputs: [input]).path == f.path("proj/out/run"))
        #expect(try OutputTarget(out: nil, default: f.path("out/x"), inputs: [input]).path == f.path("out/x"))
    }
}
