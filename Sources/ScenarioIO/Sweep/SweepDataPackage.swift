import FiscalModel
import Foundation

/// `datapackage.json` of a sweep folder: a Frictionless Data Package describing `sweep.csv`
/// with a Table Schema (types, money unit, descriptions, primary key point + district).
public enum SweepDataPackage {
    /// The package for `table` with `manifest`.
    public static func make(_ table: SweepTable, manifest: SweepManifest) throws -> Data {
        let swept = Set(table.plan.definition.paths)
        let points = table.plan.definition.points
        let fields: [[String: Any]] = table.header.enumerated().map { index, column in
            if swept.contains(column) {
                let column = index - 2
                let numeric = points.allSatisfy { Double($0.values[column]) != nil }
                return ["name": table.header[index], "type": numeric ? "number" : "string", "description": "The swept path's value at this point"]
            }
            let entry = entry(for: column)
            var field: [String: Any] = ["name": column, "type": entry.kind.tableSchemaType, "description": entry.description, "title_zh": entry.chinese]
            if entry.kind == .money { field["unit"] = "\(manifest.currency) \(manifest.unit)" }
            if entry.kind == .ratio { field["unit"] = "ratio" }
            if column == "point" || column == "district" { field["constraints"] = ["required": true] }
            return field
        }
        let resource: [String: Any] = [
            "name": "sweep", "path": "sweep.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": ["fields": fields, "missingValues": [""], "primaryKey": ["point", "district"]] as [String: Any],
        ]
        let package: [String: Any] = [
            "profile": "tabular-data-package",
            "name": manifest.name.lowercased().map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? String($0) : "-" }.joined() + "-sweep",
            "title": "fiscal-sim sweep of \(manifest.name)",
            "description": "Policy sweep by fiscal-sim \(manifest.version): \(manifest.points) points of \(manifest.swept.joined(separator: ", ")); totals over the projected years in \(manifest.currency) \(manifest.unit).",
            "resources": [resource],
            "fiscal_sim": [
                "version": manifest.version, "scenario": manifest.scenario, "scenario_sha256": manifest.scenarioSHA256,
                "seed": manifest.seed, "paths": manifest.paths, "points": manifest.points,
            ] as [String: Any],
        ]
        var data = try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(Data("\n".utf8))
        return data
    }

    /// What a sweep column means.
    static func entry(for column: String) -> ColumnCatalog.Entry {
        switch column {
        case "point": return .init(kind: .integer, description: "Point number 1…P in sweep order", chinese: "方案点")
        case "point_name": return .init(kind: .string, description: "The point's name from the design file (empty without names)", chinese: "方案点名称")
        case "district": return .init(kind: .string, description: "District id (区), or all for the whole scenario", chinese: "区")
        case "capacity_binding_years": return .init(kind: .integer, description: "Years in which capacity scaling applied (unrounded φ < 1); for all: years in which any district binds", chinese: "承受能力约束年数")
        case "units_with_gap": return .init(kind: .integer, description: "Units whose rounded gap in the last year is negative", chinese: "缺口街道数")
        case "min_self_sufficiency": return .init(kind: .ratio, description: "Lowest self-sufficiency in the last year over units with need > 0", chinese: "最低财力自给率")
        case "prob_reform_effect_negative": return .init(kind: .ratio, description: "Share of paths whose reform effect over the horizon is negative", chinese: "改革效应为负的概率")
        case "prob_capacity_binding": return .init(kind: .ratio, description: "Share of paths on which capacity binds in at least one year", chinese: "承受能力约束概率")
        case "units_with_gap_mean": return .init(kind: .number, description: "Mean over paths of the units with a negative gap in the last year", chinese: "缺口街道数均值")
        case "mean_self_sufficiency_mean": return .init(kind: .ratio, description: "Mean over paths of the mean self-sufficiency in the last year", chinese: "平均财力自给率均值")
        default: break
        }
        for statistic in ["_mean", "_p05", "_p50", "_p95"] where column.hasSuffix(statistic) {
            let base = ColumnCatalog.entry(for: String(column.dropLast(statistic.count)))
            let what = ColumnCatalog.entry(for: String(statistic.dropFirst()))
            return .init(kind: base.kind, description: "\(base.description), summed over the projected years: \(what.description.lowercased())", chinese: base.chinese + what.chinese)
        }
        let base = ColumnCatalog.entry(for: column)
        return .init(kind: base.kind, description: base.description + " (sum over the projected years)", chinese: base.chinese)
    }
}
