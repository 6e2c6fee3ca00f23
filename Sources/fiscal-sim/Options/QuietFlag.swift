import ArgumentParser

/// `--quiet`: no progress line (进度) on standard error.
struct QuietFlag: ParsableArguments {
    @Flag(help: "No progress on standard error.")
    var quiet = false

    /// A progress line labelled `label`, shown only when not quiet and standard error is a terminal.
    func progress(label: String, unit: String = "year") -> ProgressLine {
        ProgressLine(enabled: !quiet && Terminal.stderrIsTerminal, label: label, unit: unit)
    }
}
