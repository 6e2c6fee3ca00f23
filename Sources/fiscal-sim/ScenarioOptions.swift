import ArgumentParser
import ScenarioIO

/// Loads the scenario a command names, or the shipped default when none is named.
enum ScenarioSource {
    /// The loaded scenario; warnings go to standard error.
    static func load(_ path: String?) throws -> LoadedScenario {
        let loaded: LoadedScenario
        if let path {
            loaded = try ScenarioLoader().load(path)
        } else {
            loaded = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path)
        }
        for warning in loaded.warnings { Terminal.printError(warning.description) }
        return loaded
    }
}
