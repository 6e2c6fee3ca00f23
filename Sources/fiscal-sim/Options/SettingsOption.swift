import ArgumentParser
import ScenarioIO

/// `--set PATH=VALUE` (repeatable): a change to the scenario as written, applied like a
/// variant's `set` and recorded in the manifest (命令行改参), shared by `run`, `sweep` and `solve`.
struct SettingsOption: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change the scenario as written, like a variant's set (repeatable; recorded in the manifest), e.g. --set rebate.bands.0.rate=0.35.",
            valueName: "PATH=VALUE"))
    var entries: [String] = []

    /// The parsed entries; an entry without `=` is an input error naming it.
    func parsed() throws -> CommandLineSet { try CommandLineSet.parse(entries) }
}
