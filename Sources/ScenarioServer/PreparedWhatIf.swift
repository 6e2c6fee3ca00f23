import ScenarioIO

/// The served scenario with the page's changes as a variant, validated.
struct PreparedWhatIf: Sendable {
    /// The starting variant.
    let start: String
    /// The changes, as requested.
    let changes: [WhatIfScenario.Change]
    /// The scenario text with the variant.
    let whatIf: WhatIfScenario
    /// That text loaded and validated.
    let loaded: LoadedScenario
    /// The served files with the text at the what-if path.
    let files: ScenarioFiles

    /// `loaded` with only the starting and the what-if variants (`reform` always runs).
    var reduced: LoadedScenario {
        var copy = loaded
        copy.scenario.variants = copy.scenario.variants.filter { $0.name == start || $0.name == whatIf.variantName }
        return copy
    }
}

extension PreparedWhatIf {
    /// The changes as the request gave them (path → value).
    var changesJSON: [(String, JSONValue)] {
        changes.map { ($0.path, $0.value.json) }
    }
}
