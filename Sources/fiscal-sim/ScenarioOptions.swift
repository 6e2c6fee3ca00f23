import ArgumentParser
import ScenarioIO

/// Loads the scenario a command names, or the shipped default when none is named.
enum ScenarioSource {
    /// The loaded scenario with `settings` (`--set`) applied; warnings go to standard error.
    static func load(_ path: String?, settings: CommandLineSet = .none) throws -> LoadedScenario {
        let loaded: LoadedScenario
        if let path {
            loaded = try ScenarioLoader().load(path, settings: settings)
        } else {
            loaded = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path, settings: settings)
        }
        for warning in loaded.warnings { Terminal.printError(warning.description) }
        return loaded
    }
}
