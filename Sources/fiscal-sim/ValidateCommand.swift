import ArgumentParser
import Foundation
import ScenarioIO

/// `fiscal-sim validate SCENARIO`: checks everything `run` would; writes nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file and its tables without running it; exit 2 if anything is wrong."
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    func run() throws {
        let loaded = try ScenarioSource.load(scenario)
        let model = loaded.scenario
        // The same memory estimate `run` makes, for the scenario's own paths (model.md §19).
        try MemoryCheck().check(model, paths: model.paths, threads: ProcessInfo.processInfo.activeProcessorCount, file: scenario)
        print("\(scenario): ok — \(model.units.count) units in \(model.districts.count) district(s), years \(model.horizon.firstYear)–\(model.horizon.endYear), \(model.variants.count + 1) variant(s) plus the counterfactual")
    }
}
