import Foundation
import Testing

@testable import ScenarioIO

/// Issue 14, item 4: every committed crasher and reported case (`Crashers/`) goes through what
/// the fuzz targets run, and through the `fiscal-sim` binary: no crash, no hang, the right exit.
@Suite("Robustness: crashers and reported cases", .serialized)
struct RegressionTests {
    static let folder = Repository.root.appendingPathComponent("Tests/ScenarioIOTests/Robustness/Crashers")

    static func files(_ kind: String) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder.appendingPathComponent(kind), includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// What each case must give: reported crashes are input errors now; the `*-past-*` cases
    /// validate and then stop at a computed-value limit.
    static func expected(_ file: URL) -> String { file.lastPathComponent.contains("-past") ? "limit" : "invalid" }

    static func kind(_ outcome: UntrustedInput.Outcome) -> String {
        switch outcome {
        case .ran: return "ran"
        case .invalid: return "invalid"
        case .limit: return "limit"
        }
    }

    @Test func everyKindHasCases() {
        #expect(Self.files("scenario").count >= 5 && Self.files("units").count >= 3 && !Self.files("pin").isEmpty)
    }

    @Test func scenarioCases() throws {
        for file in Self.files("scenario") {
            let outcome = UntrustedInput.scenario(try Data(contentsOf: file))
            #expect(Self.kind(outcome) == Self.expected(file), "\(file.lastPathComponent): \(outcome)")
        }
    }

    @Test func unitsCases() throws {
        for file in Self.files("units") {
            let outcome = UntrustedInput.unitsFile(try Data(contentsOf: file))
            #expect(Self.kind(outcome) == Self.expected(file), "\(file.lastPathComponent): \(outcome)")
        }
    }

    @Test func pinCases() throws {
        for file in Self.files("pin") {
            #expect(Self.kind(UntrustedInput.pinFile(try Data(contentsOf: file))) == "invalid", "\(file.lastPathComponent)")
        }
    }

    /// Usage errors start with `error:` like every other failure.
    @Test func usageErrorsStartWithError() throws {
        let work = try TemporaryFolder()
        for arguments in [["run", "--paths", "0"], ["run", "--paths", "99999999999999999999"], ["run", "--threads", "0"]] {
            let (status, stderr) = try ToolBinary.run(arguments, in: work.url)
            #expect(status == 2 && stderr.hasPrefix("error: "), "\(arguments): exit \(status), \(stderr)")
        }
    }

    /// The binary: `validate` and `run` agree, exit 2 only with an `error:` line, exit 1 (a
    /// limit) names the variant, place, year and column, and nothing is written on failure.
    @Test func binaryOnEveryCase() throws {
        let work = try TemporaryFolder()
        let units = try String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8)
        let shipped = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        for file in Self.files("scenario") + Self.files("units") {
            let isScenario = file.deletingLastPathComponent().lastPathComponent == "scenario"
            let text = try String(contentsOf: file, encoding: .utf8)
            try work.write("s.yaml", isScenario ? text : shipped)
            try work.write("data/siming-streets.csv", isScenario ? units : text)
            let checked = try ToolBinary.run(["validate", "s.yaml"], in: work.url)
            let ran = try ToolBinary.run(["run", "s.yaml", "--out", "out", "--quiet"], in: work.url)
            let name = file.lastPathComponent
            if Self.expected(file) == "invalid" {
                #expect(checked.status == 2 && ran.status == 2, "\(name): validate \(checked.status), run \(ran.status)")
                #expect(checked.stderr.contains(": error: ") && ran.stderr.contains(": error: "), "\(name): \(ran.stderr)")
            } else {
                #expect(checked.status == 0 && ran.status == 1, "\(name): validate \(checked.status), run \(ran.status)")
                #expect(ran.stderr.contains("error: ") && ran.stderr.contains(" reached ") && ran.stderr.contains("— check "), "\(name): \(ran.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: work.path("out")), "\(name): a folder was written")
        }
    }
}
