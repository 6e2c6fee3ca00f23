import Foundation

/// `datapackage.json`: a Frictionless Data Package describing every CSV of a run folder with a
/// Table Schema (name, type, unit, description, constraints, primary key), plus the run's
/// metadata, so pandas, R or Frictionless can read the files with the right types.
public enum DataPackage {
    /// Key columns of the tables whose rows they identify.
    static let primaryKeys: [String: [String]] = [
        "units.csv": ["variant", "district", "unit", "year"],
        "districts.csv": ["variant", "district", "year"],
        "units_quantiles.csv": ["variant", "district", "unit", "year", "metric"],
        "districts_quantiles.csv": ["variant", "district", "year", "metric"],
        "comparison.csv": ["variant", "district", "year"],
        "groups.csv": ["variant", "year", "tag", "group"],
        BriefColumns.fileName: ["variant", "district"],
        WaveColumns.fileName: ["variant", "wave", "year"],
    ]

    /// The package describing the CSV `files` of a run with `manifest`; with `chineseHeaders`
    /// the fields are named by the Chinese header the CSVs carry (`--lang zh`), the English
    /// contract name given as each field's `title`.
    public static func make(files: [(name: String, data: Data)], manifest: RunManifest, chineseHeaders: Bool = false) throws -> Data {
        var resources: [[String: Any]] = []
        for file in files where file.name.hasSuffix(".csv") {
            // Only the header line is read: the package describes columns, not rows.
            var text = String(decoding: file.data.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            let bom = text.hasPrefix("\u{FEFF}")
            if bom { text.removeFirst() }
            let header = text.prefix { $0 != "\n" }.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let fields: [[String: Any]] = header.map { column in
                let entry = BriefColumns.entry(for: column, in: file.name)
                var field: [String: Any] = [
                    "name": chineseHeaders ? entry.chinese : column, "type": entry.kind.tableSchemaType,
                    "description": entry.description, "title_zh": entry.chinese,
                ]
                if chineseHeaders { field["title"] = column }
                switch entry.kind {
                case .money: field["unit"] = "\(manifest.currency) \(manifest.unit)"
                case .ratio: field["unit"] = "ratio"
                case .boolean:
                    field["trueValues"] = ["true"]
                    field["falseValues"] = ["false"]
                default: break
                }
                if ["variant", "district", "unit", "year", "metric"].contains(column) { field["constraints"] = ["required": true] }
                if column == "year" {
                    field["constraints"] = ["required": true, "minimum": manifest.years[0] + 1, "maximum": manifest.years[1]]
                }
                if column == "variant" {
                    field["constraints"] = ["required": true, "enum": manifest.variants]
                }
                return field
            }
            var schema: [String: Any] = ["fields": fields, "missingValues": [""]]
            if let key = primaryKeys[file.name], key.allSatisfy(header.contains) {
                schema["primaryKey"] = chineseHeaders ? ChineseHeaders.translate(key) : key
            }
            resources.append([
                "name": String(file.name.dropLast(4)).replacingOccurrences(of: "_", with: "-"),
                "path": file.name, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                "encoding": bom ? "utf-8-sig" : "utf-8", "schema": schema,
            ])
        }
        let package: [String: Any] = [
            "profile": "tabular-data-package",
            "name": manifest.name.lowercased().map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }.map(String.init).joined(),
            "title": "fiscal-sim run of \(manifest.name)",
            "description": "Projection of fiscal transfers to street offices by fiscal-sim \(manifest.version); money in \(manifest.currency) \(manifest.unit), rounded to \(manifest.precision) decimals (\(manifest.rounding)).",
            "resources": resources,
            "fiscal_sim": [
                "version": manifest.version, "scenario": manifest.scenario, "scenario_sha256": manifest.scenarioSHA256,
                "seed": manifest.seed, "paths": manifest.paths, "variants": manifest.variants,
            ] as [String: Any],
        ]
        var data = try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(Data("\n".utf8))
        return data
    }
}
