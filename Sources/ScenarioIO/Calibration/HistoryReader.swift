import FiscalModel
import Foundation

/// Reads a tax history CSV (`unit,year,tax`, model.md §17) for a scenario's units with the rules of
/// `taxSeries` (§13) except that the years are past ones (≤ the base year), reporting every
/// problem with FILE:LINE:COLUMN.
public struct HistoryReader: Sendable {
    /// Where the file is read from.
    public var files: ScenarioFiles

    /// Creates a reader.
    public init(files: ScenarioFiles = .disk) { self.files = files }

    /// The history of every unit of `scenario` (units it does not list have no years).
    public func read(_ path: String, for scenario: Scenario) throws(InputError) -> TaxHistory {
        var notes: [Diagnostic] = []
        return try read(path, for: scenario, notes: &notes)
    }

    /// The same, adding to `notes` the note that the file was read as GB18030 (GBK) if it was.
    public func read(_ path: String, for scenario: Scenario, notes: inout [Diagnostic]) throws(InputError) -> TaxHistory {
        let data: Data
        do {
            data = try files.data(at: path)
        } catch {
            throw InputError([Diagnostic(file: path, message: "cannot read the history file: \(ScenarioLoader.reason(error)); check the path")])
        }
        let table = try CSVTable.parse(data, file: path)
        if table.encoding != nil { notes.append(GB18030Text.note(file: path)) }
        var reader = TaxSeriesReader(table: table, unitIDs: scenario.units.map(\.id), horizon: scenario.horizon)
        reader.isHistory = true
        let result = reader.read()
        guard result.diagnostics.isEmpty else { throw InputError(result.diagnostics) }
        if table.rows.isEmpty {
            throw InputError([Diagnostic(file: path, line: 1, message: "the file has a header but no rows; list unit,year,tax for past years")])
        }
        return TaxHistory(
            units: scenario.units.enumerated().map { index, unit in
                TaxHistory.Unit(id: unit.id, districtIndex: unit.districtIndex, tax: result.series[index] ?? [:])
            },
            districtCount: scenario.districts.count)
    }
}
