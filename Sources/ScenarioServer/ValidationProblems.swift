import ScenarioIO

/// The scenario validator's diagnostics about a what-if scenario as the API's problems: each
/// named by the lever it is about (`set.PATH`, from the line of the what-if variant it stands
/// on), with the validator's own message less the internal variant name.
enum ValidationProblems {
    /// The problems of `diagnostics` (errors only) about `whatIf`, loaded from `file`.
    static func map(_ diagnostics: [Diagnostic], whatIf: WhatIfScenario, file: String, changes: [WhatIfScenario.Change]) -> [ServerError.Problem] {
        let errors = diagnostics.filter { $0.severity == .error }
        let problems = errors.map { diagnostic -> ServerError.Problem in
            var path = "set"
            if diagnostic.file == file, let line = diagnostic.line, let entry = whatIf.entryLines[line] {
                path = "set.\(entry)"
            } else if changes.count == 1 {
                path = "set.\(changes[0].path)"
            }
            return ServerError.Problem(path: path, message: clean(diagnostic.message, variant: whatIf.variantName))
        }
        return problems.isEmpty ? [ServerError.Problem(path: "set", message: "the changed scenario is invalid")] : problems
    }

    /// `message` without the internal variant's name and the `set:` prefix.
    static func clean(_ message: String, variant: String) -> String {
        var text = message
        for prefix in ["variant '\(variant)': ", "set: "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        return text
    }
}
