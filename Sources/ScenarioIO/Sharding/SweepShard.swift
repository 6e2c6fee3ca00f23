import FiscalModel
import Foundation

extension ShardManifest {
    /// `shard.json` of shard `shard` of a sweep of `plan` given `grid` (the `--grid` values as
    /// typed; empty for a design), with the sweep folder's `files`.
    public static func sweepFile(
        _ plan: SweepPlan, grid: [String], shard: Shard, files: [(name: String, data: Data)]
    ) throws -> (name: String, data: Data) {
        var loaded = plan.template.loaded
        var options = ["paths": "\(plan.paths)", "seed": "\(plan.seed)", "variant": plan.template.variant ?? ""]
        switch plan.definition.source {
        case .grid: options["grid"] = grid.joined(separator: " ")
        case let .design(file, sha256):
            options["design"] = file
            loaded.inputDigests["design"] = sha256
        }
        return try file(command: "sweep", loaded: loaded, options: options, shard: shard, files: files)
    }
}

/// The files of a sweep folder (model.md §15.1) or of one shard of it (model.md §16).
public enum SweepFolder {
    /// `sweep.csv`, `sweep.json` and `datapackage.json` of the points `numbers` of `plan` with
    /// their metric `rows` (`SweepEvaluator.rows(of:)`); with `shard`, also `shard.json`
    /// recording `grid` (the `--grid` values as typed). With `workbook`, `sweep.json` also lists
    /// `sweep.xlsx` (which the caller writes into the same folder).
    public static func files(
        _ plan: SweepPlan, numbers: [Int], rows: [[[String]]], grid: [String], shard: Shard?, workbook: Bool = false
    ) throws -> [(name: String, data: Data)] {
        let table = SweepTable(plan)
        let manifest = SweepManifest(
            plan, files: ["sweep.csv", "sweep.json", "datapackage.json"] + (workbook ? [ReportWorkbook.sweepFileName] : []))
        var files: [(name: String, data: Data)] = [
            ("sweep.csv", Data(table.csv(numbers: numbers, rows: rows).utf8)), ("sweep.json", try manifest.encoded()),
            ("datapackage.json", try SweepDataPackage.make(table, manifest: manifest)),
        ]
        if let shard { files.append(try ShardManifest.sweepFile(plan, grid: grid, shard: shard, files: files)) }
        return files
    }
}
