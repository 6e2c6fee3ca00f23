import FiscalModel
import Foundation
import Yams

/// `fiscal-sim calibrate`: a scenario and its units' tax history in, the estimates and the
/// files of the calibration folder out (model.md §17). Nothing is written here; the command writes
/// `files` with `RunFolder`.
public struct CalibrationRun {
    /// The estimates.
    public var result: CalibrationResult
    /// `calibration.yaml`, `units_growth.csv` and (with the matrix) `correlation.csv`.
    public var files: [(name: String, data: Data)]
    /// The printed report.
    public var report: String
    /// Warnings for standard error (dropped units, clipping, the matrix repair), naming the history.
    public var warnings: [Diagnostic]

    /// Calibrates the loaded scenario from the history at `historyPath` (both read from
    /// `source`), for the output folder `outputFolder` (where `correlation.csv` will be, for the
    /// matrix path in `calibration.yaml`).
    public init(
        scenario loaded: LoadedScenario, historyPath: String, matrix: Bool, outputFolder: String,
        source: ScenarioFiles = .disk
    ) throws(InputError) {
        let scenario = loaded.scenario
        var notes: [Diagnostic] = []
        let history = try HistoryReader(files: source).read(historyPath, for: scenario, notes: &notes)
        do {
            result = try Calibration.estimate(history, matrix: matrix)
        } catch {
            throw InputError([Diagnostic(file: historyPath, message: error.description)])
        }
        let districtIDs = scenario.districts.map(\.id)
        var growth: Node?
        if let data = try? source.data(at: loaded.path), let text = String(data: data, encoding: .utf8),
            let root = try? YAMLSource.parse(text, file: loaded.path).root
        {
            growth = root.mapping?["growth"]
        }
        let matrixPath = matrix ? Self.relativePath(of: outputFolder + "/correlation.csv", from: loaded.path) : nil
        let yaml = CalibrationYAML(result: result, growth: growth, scenarioPath: loaded.path, historyPath: historyPath, matrixPath: matrixPath)
        files = [
            ("calibration.yaml", Data(yaml.text.utf8)),
            ("units_growth.csv", Data(CalibrationTables.unitsGrowth(result, districtIDs: districtIDs).utf8)),
        ]
        if let calibrated = result.matrix {
            files.append(("correlation.csv", Data(CalibrationTables.correlation(calibrated, unitIDs: scenario.units.map(\.id)).utf8)))
        }
        report = CalibrationReport(result: result, districtIDs: districtIDs, historyPath: historyPath).text
        warnings = notes + result.notes.filter { $0.kind == .warning }.map {
            Diagnostic(file: historyPath, severity: .warning, message: $0.message)
        }
    }

    /// `target` relative to the folder of the file `base` (both relative to the current folder
    /// or absolute), with `/` separators.
    static func relativePath(of target: String, from base: String) -> String {
        let folder = URL(fileURLWithPath: base).deletingLastPathComponent().standardizedFileURL.pathComponents
        let destination = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var common = 0
        while common < folder.count, common < destination.count, folder[common] == destination[common] { common += 1 }
        let up = Array(repeating: "..", count: folder.count - common)
        return (up + destination[common...]).joined(separator: "/")
    }
}
