import FiscalModel
import Foundation

/// Writes a deterministic run's folder: `units.csv`, `districts.csv`, `run.json`.
public struct RunWriter {
    /// Output options.
    public struct Options: Sendable {
        /// Prefix every CSV with a UTF-8 byte-order mark so Excel shows Chinese names.
        public var excelBOM = false

        /// Default options.
        public init(excelBOM: Bool = false) { self.excelBOM = excelBOM }
    }

    /// The loaded scenario.
    public let loaded: LoadedScenario
    /// Options.
    public let options: Options

    /// Creates a writer.
    public init(loaded: LoadedScenario, options: Options = Options()) {
        self.loaded = loaded
        self.options = options
    }

    /// The files of `result`, in writing order.
    public func files(for result: RunResult) throws -> [(name: String, data: Data)] {
        let tables = ResultTables(scenario: loaded.scenario, result: result)
        let bom = options.excelBOM ? "\u{FEFF}" : ""
        var files: [(String, Data)] = [
            ("units.csv", Data((bom + tables.unitsCSV()).utf8)),
            ("districts.csv", Data((bom + tables.districtsCSV()).utf8)),
        ]
        let manifest = RunManifest(
            loaded: loaded, variants: result.variants.map(\.name), files: files.map(\.0) + ["run.json", "datapackage.json"],
            diagnostics: ["clampedTax": result.variants.reduce(0) { $0 + $1.clampedTax }])
        files.append(("run.json", try manifest.encoded()))
        files.append(("datapackage.json", try DataPackage.make(files: files, manifest: manifest)))
        return files
    }

    /// Writes `result` into `folder` atomically.
    public func write(_ result: RunResult, to folder: URL) throws {
        try RunFolder(folder).write(try files(for: result))
    }
}
