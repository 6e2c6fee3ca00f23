/// One native chart of the workbook and the numbers it plots: values by year, one series per
/// variant (or per statistic), every value a cell of one of the run's tables.
public struct ChartSpec: Sendable, Equatable {
    /// Line or column chart.
    public enum Kind: Sendable, Equatable {
        /// Lines over the years.
        case line
        /// Clustered columns per year.
        case column
    }

    /// One plotted series.
    public struct Series: Sendable, Equatable {
        /// The legend entry (a variant, or p05/p50/p95).
        public var name: String
        /// One value per category; `nil` where the table cell is empty.
        public var values: [Double?]
    }

    /// Line or column.
    public var kind: Kind
    /// The title in the workbook's language.
    public var title: String
    /// The value axis label (the money unit, or "ratio").
    public var valueAxis: String
    /// The category axis label ("year" / 年份, or a swept path).
    public var categoryAxis: String
    /// The categories (years, or the values of a swept path), as written in the CSV.
    public var categories: [String]
    /// The series.
    public var series: [Series]
    /// Number format of the plotted cells.
    var style: CellStyle
    /// Number format of the categories (whole numbers for years).
    var categoryStyle = CellStyle.integer
    /// The value axis's lowest value (`nil`: the spreadsheet chooses), e.g. the base year of a
    /// roll-out chart.
    var valueMinimum: Double?
    /// The value axis's highest value (`nil`: the spreadsheet chooses), e.g. 1 for a share.
    var valueMaximum: Double?
}

/// A small table of the run folder (districts, comparison, district quantiles) read back from
/// its CSV, for the charts.
struct ReadTable {
    /// The English header.
    let header: [String]
    /// The data rows.
    let rows: [[String]]

    /// The table of `csv`.
    init(_ csv: WorkbookTable) {
        let records = CSVRecords.all(csv.csv)
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The rows of `csv` whose `column` holds `value` (a large table's few rows a chart needs).
    init(_ csv: WorkbookTable, rowsWhere column: String, equals value: String) {
        var header: [String] = [], rows: [[String]] = [], c: Int?
        try? CSVRecords.forEach(csv.csv) { fields in
            guard !header.isEmpty else {
                header = fields
                c = fields.firstIndex(of: column)
                return
            }
            if let c, c < fields.count, fields[c] == value { rows.append(fields) }
        }
        self.header = header
        self.rows = rows
    }

    /// Index of `column`.
    func index(_ column: String) -> Int? { header.firstIndex(of: column) }

    /// Distinct values of `column` in order of first appearance.
    func distinct(_ column: String) -> [String] {
        guard let c = index(column) else { return [] }
        var seen: [String] = []
        for row in rows where !seen.contains(row[c]) { seen.append(row[c]) }
        return seen
    }

    /// The values of `column` by year for the rows matching `filter` (column → value).
    func series(_ column: String, years: [Int], where filter: [String: String]) -> [Double?] {
        series(column, by: "year", at: years.map(String.init), where: filter)
    }

    /// The values of `column` at each value of `category` for the rows matching `filter`.
    func series(_ column: String, by category: String, at categories: [String], where filter: [String: String]) -> [Double?] {
        guard let c = index(column), let k = index(category) else { return categories.map { _ in nil } }
        let conditions = filter.compactMap { key, value in index(key).map { ($0, value) } }
        var found: [String: Double] = [:]
        for row in rows where conditions.allSatisfy({ row[$0.0] == $0.1 }) {
            if let value = Double(row[c]) { found[row[k]] = value }
        }
        return categories.map { found[$0] }
    }
}
