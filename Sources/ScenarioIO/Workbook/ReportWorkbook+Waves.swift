import FiscalModel
import Foundation

extension ReportWorkbook {
    /// Adds the Waves sheet (推开批次) — `waves.csv` of `csvs` as written, after the other tables —
    /// and its charts after the others (`WaveCharts`), when the run has waves: a run without
    /// waves, or a shard whose `waves.csv` is the header alone, keeps its workbook as it was.
    mutating func addWaves(csvs: [String: Data], scenario: Scenario, monteCarlo: Bool) {
        guard let csv = csvs[WaveColumns.fileName], CSVRecords.dataRowCount(csv) > 0 else { return }
        let table = WorkbookTable(file: WaveColumns.fileName, csv: csv)
        tables.append(table)
        charts += WaveCharts(catalog: ChartCatalog(scenario: scenario, language: language), monteCarlo: monteCarlo).charts(table)
    }
}
