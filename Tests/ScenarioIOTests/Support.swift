import FiscalModel
import Foundation
import ScenarioIO
@_exported import TestSupport
import Testing

/// Loads a scenario, recording the diagnostics as a test issue if it is invalid.
func loadScenario(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> LoadedScenario? {
    do {
        return try ScenarioLoader().load(path)
    } catch {
        Issue.record("\(path) did not load:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The diagnostics of loading an invalid scenario (records an issue if it loads).
func loadErrors(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try ScenarioLoader().load(path)
        Issue.record("\(path) loaded but should have been rejected", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}
