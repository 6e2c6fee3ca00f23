/// The Summary sheet (汇总): the tables `fiscal-sim run` prints, one under the other, money and
/// ratios as number cells.
struct SummarySheet {
    /// The printed tables.
    let grids: [SummaryGrid]
    /// The workbook's language.
    let language: WorkbookLanguage
    /// Number formats.
    let formats: NumberFormats

    /// Writes the sheet into `workbook`.
    func write(into workbook: XlsxWorkbook) throws {
        let sheet = try workbook.addSheet(SheetNames.summary.name(language))
        let bold = XlsxWorkbook.FormatKey(numberFormat: "", bold: true)
        var widths: [Int] = []
        var row = 0
        for grid in grids {
            try sheet.text(row, 0, language.pick(grid.title, grid.chineseTitle), bold)
            row += 1
            for (column, heading) in grid.columns.enumerated() {
                let text = language.pick(heading.english, heading.chinese)
                try sheet.text(row, column, text, bold)
                widen(&widths, column, DisplayWidth.of(text))
            }
            for cells in grid.rows {
                row += 1
                for (column, cell) in cells.enumerated() {
                    try write(cell, row: row, column: column, on: sheet)
                    widen(&widths, column, DisplayWidth.of(cell.text) + 2)
                }
            }
            row += 2
        }
        for (column, width) in widths.enumerated() { try sheet.width(column, Double(min(width, 40)) + 1) }
        try sheet.pageSetup(fitWidth: true)
    }

    private func write(_ cell: SummaryGrid.Cell, row: Int, column: Int, on sheet: XlsxSheet) throws {
        switch cell {
        case .text: try sheet.text(row, column, cell.text(in: language))
        case let .money(text): try number(text, style: .money, row: row, column: column, on: sheet)
        case let .ratio(text): try number(text, style: .ratio, row: row, column: column, on: sheet)
        case let .fraction(count, total):
            try sheet.text(row, column, language.pick("\(count) of \(total)", "\(count) / \(total)"), .init(numberFormat: "", right: true))
        case .empty: break
        }
    }

    private func number(_ text: String, style: CellStyle, row: Int, column: Int, on sheet: XlsxSheet) throws {
        guard let value = Double(text) else { return try sheet.text(row, column, text) }
        try sheet.number(row, column, value, .init(numberFormat: formats.code(style)))
    }

    private func widen(_ widths: inout [Int], _ column: Int, _ width: Int) {
        while widths.count <= column { widths.append(0) }
        widths[column] = max(widths[column], width)
    }
}
