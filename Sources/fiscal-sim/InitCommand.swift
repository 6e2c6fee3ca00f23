import ArgumentParser
import Foundation
import ScenarioIO

/// `fiscal-sim init DIR`: writes a commented starter scenario and its units CSV into DIR.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario (scenario.yaml) and its units CSV (units.csv) into DIR.",
        discussion: "The files validate and run as written; existing files are never overwritten."
    )

    @Argument(help: "The folder to write into (created if missing).")
    var directory: String

    func run() throws {
        let written: [String]
        do {
            written = try StarterScenario.write(into: URL(fileURLWithPath: directory))
        } catch let error as StarterScenario.Refusal {
            throw InputError([Diagnostic(file: error.path, message: error.reason)])
        } catch {
            throw ToolFailure(message: "cannot write the starter scenario into \(directory): \(error.localizedDescription)")
        }
        for path in written { print("wrote \(path)") }
        let yaml = (directory as NSString).appendingPathComponent(StarterScenario.scenarioFile)
        print("next: fiscal-sim validate \(yaml) && fiscal-sim run \(yaml)")
    }
}
