import FiscalModel

/// The calibration's CSV files (model.md §17): `units_growth.csv` and `correlation.csv`.
enum CalibrationTables {
    /// unit, district, observations, mean_growth, sd_growth; a dropped unit keeps its row with
    /// empty estimates.
    static func unitsGrowth(_ result: CalibrationResult, districtIDs: [String]) -> String {
        var csv = CSVText()
        csv.append(["unit", "district", "observations", "mean_growth", "sd_growth"])
        for unit in result.units {
            csv.append([
                unit.id, districtIDs[unit.districtIndex], String(unit.observations),
                unit.mean.map { NumberText.trimmed.text($0.value) } ?? "",
                unit.standardDeviation.map(NumberText.trimmed.text) ?? "",
            ])
        }
        return csv.text
    }

    /// §8's matrix format: header `id,<unit ids>`, one row per unit, plain decimals.
    static func correlation(_ matrix: CalibratedMatrix, unitIDs: [String]) -> String {
        var csv = CSVText()
        csv.append(["id"] + unitIDs)
        for (row, id) in unitIDs.enumerated() {
            csv.append([id] + (0..<matrix.size).map { NumberText.trimmed.text(matrix.entries[row * matrix.size + $0]) })
        }
        return csv.text
    }
}
