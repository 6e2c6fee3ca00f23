import ArgumentParser
import ScenarioIO

/// Loads the scenario a command names, or the shipped default when none is named.
enum ScenarioSource {
    /// The loaded scenario with `settings` (`--set`) applied; warnings go to standard error.
    /// With `progress`, a large units file's reading is shown on it.
    static func load(_ path: String?, settings: CommandLineSet = .none, progress: ProgressLine? = nil) throws -> LoadedScenario {
        let loaded: LoadedScenario
        if let path {
            var loader = ScenarioLoader()
            if let progress { loader.progress = { done, total in progress.update(done, of: total) } }
            defer { progress?.finish() }
            loaded = try loader.load(path, settings: settings)
        } else {
            loaded = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path, settings: settings)
        }
        for warning in loaded.warnings { Terminal.printError(warning.description) }
        return loaded
    }
}
