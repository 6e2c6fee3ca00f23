import Foundation

/// Writes one CSV of the run folder as one sheet — or, past Excel's 1,048,576 rows, several
/// numbered sheets — with the same columns and rows: numbers as number cells equal to the CSV
/// cells, `adopted` as booleans, empty cells empty; a frozen header row and key columns, an
/// autofilter, widths that fit the (Chinese) text, and the money unit in the header notes.
struct TableSheetWriter {
    /// The sheet names, one per part of the table.
    let names: [String]
    /// Rows per sheet, header included (Excel's limit unless a test asks for fewer).
    let rowLimit: Int
    /// The workbook's language.
    let language: WorkbookLanguage
    /// Number formats.
    let formats: NumberFormats
    /// The money unit, e.g. `CNY 万元`.
    let moneyUnit: String

    /// Rows of each sheet sampled for the column widths.
    private static let sampledRows = 1000

    /// Writes `table` into `workbook`.
    func write(_ table: WorkbookTable, into workbook: XlsxWorkbook) throws {
        var header: [String] = []
        var styles: [CellStyle] = []
        var metricColumn: Int?
        var sheet: XlsxSheet?
        var part = 0
        var row = 0
        var widths: [Int] = []
        try CSVRecords.forEach(table.csv) { fields in
            if styles.isEmpty {
                header = table.englishHeader ?? fields
                styles = header.map(CellStyle.init(column:))
                metricColumn = header.firstIndex(of: "metric")
                return
            }
            if sheet == nil || row == rowLimit - 1 {
                if let sheet { try finish(sheet, rows: row, widths: widths) }
                sheet = try start(names[part], header: header, styles: styles, keyColumns: table.keyColumns, into: workbook)
                widths = header.map { DisplayWidth.of(language.header($0)) + 3 }
                part += 1
                row = 0
            }
            row += 1
            let metricStyle = metricColumn.map { CellStyle.forMetric(fields[$0]) } ?? .number
            for (column, text) in fields.enumerated() where !text.isEmpty && column < styles.count {
                let style = styles[column] == .statistic ? metricStyle : styles[column]
                try write(text, style: style, row: row, column: column, on: sheet!)
                if row <= Self.sampledRows { widths[column] = max(widths[column], Self.width(of: text, style: style)) }
            }
        }
        if sheet == nil, !header.isEmpty {
            sheet = try start(names[0], header: header, styles: styles, keyColumns: table.keyColumns, into: workbook)
            widths = header.map { DisplayWidth.of(language.header($0)) + 3 }
        }
        if let sheet { try finish(sheet, rows: row, widths: widths) }
    }

    private func start(
        _ name: String, header: [String], styles: [CellStyle], keyColumns: Int, into workbook: XlsxWorkbook
    ) throws -> XlsxSheet {
        let sheet = try workbook.addSheet(name)
        let bold = XlsxWorkbook.FormatKey(numberFormat: "", bold: true)
        for (column, name) in header.enumerated() {
            try sheet.text(0, column, language.header(name), bold)
            if styles[column] == .money || styles[column] == .statistic {
                let unit = language.pick("Money in \(moneyUnit)", "金额单位：\(moneyUnit)")
                let note = language == .english ? "\(ColumnCatalog.entry(for: name).description). \(unit)" : unit
                try sheet.note(0, column, note)
            }
        }
        sheet.freeze(rows: 1, columns: min(keyColumns, header.count))
        try sheet.pageSetup(fitWidth: true, repeatHeader: true)
        return sheet
    }

    private func finish(_ sheet: XlsxSheet, rows: Int, widths: [Int]) throws {
        try sheet.autofilter(lastRow: rows, lastColumn: widths.count - 1)
        for (column, width) in widths.enumerated() { try sheet.width(column, Double(min(width, 50)) + 1) }
    }

    private func write(_ text: String, style: CellStyle, row: Int, column: Int, on sheet: XlsxSheet) throws {
        switch style {
        case .text:
            try sheet.text(row, column, text)
        case .boolean where text == "true" || text == "false":
            try sheet.boolean(row, column, text == "true")
        default:
            if style != .boolean, let value = Double(text) {
                try sheet.number(row, column, value, .init(numberFormat: formats.code(style)))
            } else {
                try sheet.text(row, column, text)
            }
        }
    }

    /// The shown width of `text` in `style`, counting the thousands separators of money.
    static func width(of text: String, style: CellStyle) -> Int {
        guard style == .money else { return DisplayWidth.of(text) }
        let whole = text.prefix { $0 != "." }.filter(\.isNumber).count
        return text.count + max(0, (whole - 1) / 3)
    }
}
