import Foundation

/// One CSV of the run folder, to be shown as a sheet of the workbook with the same columns and
/// rows. The CSV is the English-header text the run writes (a BOM is allowed); the sheet's
/// header follows the workbook's language.
public struct WorkbookTable: Sendable {
    /// The file name in the run folder, e.g. `districts.csv`.
    public var file: String
    /// The CSV bytes with the English header row.
    public var csv: Data
    /// Leading columns that identify a row (frozen with the header), e.g. variant, district, year.
    public var keyColumns: Int
    /// The English header when the CSV's own header row is translated (`--lang zh`), so the
    /// workbook reads the folder's bytes instead of keeping an English copy.
    public var englishHeader: [String]?
    /// Per id column (`district`, `unit`), the names of its ids, shown in a name column beside
    /// the id where the CSV has no name column of its own (`SheetColumns`).
    public var names: [String: [String: String]] = [:]

    /// A table; `keyColumns` defaults to the leading columns of the file's primary key in
    /// `datapackage.json` (1 for files without one).
    public init(file: String, csv: Data, keyColumns: Int? = nil, names: [String: [String: String]] = [:]) {
        self.file = file
        self.csv = csv
        self.keyColumns = keyColumns ?? DataPackage.primaryKeys[file].map { $0.count } ?? 1
        self.names = names
    }

    /// The number of data rows (after the header).
    var rowCount: Int { CSVRecords.dataRowCount(csv) }
}

/// How the cells of one column are written.
enum CellStyle {
    /// Text.
    case text
    /// `true`/`false` as a boolean cell.
    case boolean
    /// A whole number (year, count), no separator.
    case integer
    /// Money: thousands separator and the scenario's decimals.
    case money
    /// A ratio: 4 decimals shown, all 6 written stored.
    case ratio
    /// A statistic whose kind is the row's `metric` (money or ratio).
    case statistic
    /// Another number, General format.
    case number

    /// The style of `column` (an English CSV header).
    init(column: String) {
        if QuantileTablesColumns.statistics.contains(column) {
            self = .statistic
            return
        }
        var entry = ColumnCatalog.entry(for: column)
        // A sweep's statistic columns (`reform_effect_p05`, …) are formatted as their metric; a
        // mean of counts (`units_with_gap_mean`) is no whole number.
        for suffix in ["_mean", "_p05", "_p25", "_p50", "_p75", "_p95"] where entry.kind == .number && column.hasSuffix(suffix) {
            entry = ColumnCatalog.entry(for: String(column.dropLast(suffix.count)))
            if entry.kind == .integer { entry.kind = .number }
        }
        // Probabilities and the extremes of a ratio (`prob_capacity_binding`, `min_self_sufficiency`).
        if entry.kind == .number, column.hasPrefix("prob_") { entry.kind = .ratio }
        if entry.kind == .number, column.hasPrefix("min_") || column.hasPrefix("max_") {
            entry = ColumnCatalog.entry(for: String(column.dropFirst(4)))
        }
        switch entry.kind {
        case .string: self = .text
        case .boolean: self = .boolean
        case .integer: self = .integer
        case .money: self = .money
        case .ratio: self = .ratio
        case .number: self = .number
        }
    }

    /// The style of a statistic cell for a row whose metric is `metric`.
    static func forMetric(_ metric: String) -> CellStyle {
        ColumnCatalog.entry(for: metric).kind == .ratio ? .ratio : .money
    }
}

/// The statistic columns of the quantile tables.
enum QuantileTablesColumns {
    static let statistics = Set(QuantileTables.statisticColumns + ["sd"])
}

/// Number format codes of the workbook.
struct NumberFormats {
    /// Money: `#,##0.00` for precision 2, `#,##0` for precision 0.
    let money: String
    /// Ratios: 4 decimals shown.
    let ratio = "0.0000"
    /// Whole numbers without separator.
    let integer = "0"

    /// The formats for money with `precision` decimals.
    init(precision: Int) {
        money = precision > 0 ? "#,##0." + String(repeating: "0", count: precision) : "#,##0"
    }

    /// The format of `style` (empty: General).
    func code(_ style: CellStyle) -> String {
        switch style {
        case .money: money
        case .ratio: ratio
        case .integer: integer
        case .text, .boolean, .number, .statistic: ""
        }
    }
}
