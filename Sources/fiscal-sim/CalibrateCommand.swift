import ArgumentParser
import Foundation
import ScenarioIO

/// `fiscal-sim calibrate SCENARIO --history FILE.csv [--matrix] [--out DIR]`: estimates
/// `growth.tax`, `growth.volatility` and the correlation of shocks from past tax outturns
/// (model.md §17) and writes a `growth:` section ready to paste.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Estimate tax growth, volatility and correlation from the units' past tax outturns."
    )

    @Argument(help: "The scenario file (YAML) whose units the history covers.")
    var scenario: String

    @Option(help: "The history CSV: unit,year,tax for years up to the base year.")
    var history: String

    @Flag(help: "Also write correlation.csv, the unit-by-unit residual correlation matrix (repaired to positive definite).")
    var matrix = false

    @Option(help: "The output folder (default: out/<name>-calibration/ in the current directory).")
    var out: String?

    func run() throws {
        let loaded = try ScenarioSource.load(scenario)
        let folder = try OutputTarget(
            out: out, default: "out/\(loaded.scenario.name)-calibration", inputs: loaded.inputFiles + [history]).path
        let calibration = try CalibrationRun(scenario: loaded, historyPath: history, matrix: matrix, outputFolder: folder)
        try RunFolder(URL(fileURLWithPath: folder)).write(calibration.files)
        // The report (standard output) lists the warnings; scripts that capture it get them on
        // standard error as well.
        if isatty(STDOUT_FILENO) == 0 {
            for warning in calibration.warnings { Terminal.printError(warning.description) }
        }
        print(calibration.report)
        print("")
        print("wrote \(folder)/: \(calibration.files.map(\.name).joined(separator: ", ")); paste the growth: section of calibration.yaml into \(scenario)")
    }
}
