import FiscalModel
import Foundation

/// The printed report of `fiscal-sim calibrate` (model.md §17): units and years used, each estimate
/// with its standard error and 95 % interval, the pairs behind each correlation mean, notes
/// and warnings.
struct CalibrationReport {
    /// The estimates.
    let result: CalibrationResult
    /// District ids in declared order.
    let districtIDs: [String]
    /// The history file as named.
    let historyPath: String

    /// The report's text.
    var text: String {
        let dropped = result.units.filter(\.isDropped).map(\.id)
        var lines = [
            "Calibration from \(historyPath)",
            "units used: \(result.usedUnits.count) of \(result.units.count)" + (dropped.isEmpty ? "" : " (dropped: \(dropped.joined(separator: ", ")))"),
            "growth years: \(CalibrationYAML.span(result.growthYears)), \(result.observationCount) observations",
            "",
        ]
        var table = [["estimate", "value", "SE", "95 % interval", "basis"]]
        let t = result.tax
        table.append(["growth.tax", Self.number(t.value), Self.optional(t.standardError), Self.interval(t.interval), "\(t.count) obs; SE over \(result.growthYears.count) yearly means, t on \(result.growthYears.count - 1) df"])
        let v = result.volatility
        table.append(["growth.volatility", Self.number(v.value), Self.optional(v.standardError), Self.interval(v.interval), "df \(v.count); ±1.96·SE"])
        for (name, c) in [("withinDistrict", result.withinDistrict), ("acrossDistricts", result.acrossDistricts)] {
            let value = c.mean.map { c.value == $0 ? Self.number($0) : "\(Self.number($0)) → \(Self.number(c.value))" } ?? "0 (no pair)"
            table.append(["correlation.\(name)", value, Self.optional(c.standardError), Self.interval(c.interval), c.mean == nil ? "no counted pair" : "\(c.pairs) pairs; jackknife over \(c.replicates) years"])
        }
        lines += Self.render(table, numericColumns: [1, 2])
        lines.append("")
        var units = [["unit", "district", "n", "mean growth", "SE", "95 % interval", "sd"]]
        for unit in result.units {
            let mean = unit.mean
            units.append([
                unit.id, districtIDs[unit.districtIndex], String(unit.observations),
                mean.map { Self.number($0.value) } ?? "dropped", Self.optional(mean?.standardError),
                mean == nil ? "" : Self.interval(mean?.interval), unit.standardDeviation.map(Self.number) ?? "",
            ])
        }
        lines += Self.render(units, numericColumns: [2, 3, 4, 6])
        if !result.notes.isEmpty { lines.append("") }
        for note in result.notes { lines.append("\(note.kind.rawValue): \(note.message)") }
        return lines.joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String { String(format: "%.6f", value) }

    private static func optional(_ value: Double?) -> String { value.map(number) ?? "–" }

    private static func interval(_ interval: Interval?) -> String {
        interval.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "–"
    }

    /// Rows padded to their columns' display widths; numeric columns right-aligned.
    private static func render(_ rows: [[String]], numericColumns: Set<Int>) -> [String] {
        let widths = (0..<rows[0].count).map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                return numericColumns.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
