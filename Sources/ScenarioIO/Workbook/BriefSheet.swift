import CXlsxWriter
import FiscalModel

/// The Brief sheet (简报, model.md §22), right after About: the brief's sentence per reported variant
/// and district — does the district bear extra pressure, and which streets are short — then, per
/// district of `reform`, its yearly reform effect and capacity factor as cells with two native
/// charts beside them: the reform effect as columns, loss years in red, and the capacity factor
/// as a line (libxlsxwriter 1.1 has no secondary axis, so the factor has its own chart under the
/// first, on the same years).
struct BriefSheet {
    /// The brief's title, lines and charted rows.
    let brief: BriefSummary
    /// The workbook's language.
    let language: WorkbookLanguage
    /// The money unit, e.g. `CNY 万元`.
    let moneyUnit: String
    /// Number formats.
    let formats: NumberFormats

    /// The sentences span columns A…M (one printed page wide).
    private static let lastColumn = 12

    /// Writes the sheet into `workbook`.
    func write(into workbook: XlsxWorkbook) throws {
        let name = SheetNames.brief.name(language)
        let sheet = try workbook.addSheet(name)
        let bold = XlsxWorkbook.FormatKey(numberFormat: "", bold: true)
        let wrap = XlsxWorkbook.FormatKey(numberFormat: "", wrap: true)
        try sheet.text(0, 0, brief.title, bold)
        var row = 2
        for line in brief.lines {
            try sheet.text(row, 0, line.heading, bold)
            try sheet.merged(row + 1, 0, Self.lastColumn, line.sentence, wrap)
            try sheet.height(row + 1, 48)
            row += 2
            if let note = line.note {
                try sheet.merged(row, 0, Self.lastColumn, note, wrap)
                try sheet.height(row, 32)
                row += 1
            }
            row += 1
        }
        for column in 0...Self.lastColumn { try sheet.width(column, column < 3 ? 14 : 11) }
        row += 1
        for charted in brief.charted {
            row = try yearly(charted, on: sheet, named: name, top: row, workbook: workbook)
        }
        try sheet.pageSetup(fitWidth: true)
    }

    /// The yearly block of `brief` from row `top` with its two charts; returns the next free row.
    private func yearly(_ brief: BriefRow, on sheet: XlsxSheet, named name: String, top: Int, workbook: XlsxWorkbook) throws -> Int {
        let bold = XlsxWorkbook.FormatKey(numberFormat: "", bold: true)
        try sheet.text(top, 0, BriefSentence.heading(brief, language: language), bold)
        let headers = [language.pick("year", "年份"), language.header("reform_effect"), language.header("capacity_factor")]
        for (c, text) in headers.enumerated() { try sheet.text(top + 1, c, text, bold) }
        for (y, year) in brief.years.enumerated() {
            try sheet.number(top + 2 + y, 0, Double(year), .init(numberFormat: formats.code(.integer)))
            try sheet.number(top + 2 + y, 1, Double(brief.yearlyReformEffect[y].text) ?? 0, .init(numberFormat: formats.code(.money)))
            try sheet.number(top + 2 + y, 2, brief.yearlyCapacityFactor[y], .init(numberFormat: formats.code(.ratio)))
        }
        let first = lxw_row_t(top + 2), last = lxw_row_t(top + 1 + brief.years.count)
        let effect = try workbook.addChart(LXW_CHART_COLUMN)
        let series = chart_add_series(effect, nil, nil)
        chart_series_set_categories(series, name, first, 0, last, 0)
        chart_series_set_values(series, name, first, 1, last, 1)
        chart_series_set_name_range(series, name, lxw_row_t(top + 1), 1)
        try LossColumns(years: brief.years, losses: Set(brief.lossYears)).apply(to: series)
        chart_title_set_name(effect, language.pick(
            "Reform effect by year (red: loss years), \(moneyUnit)", "逐年改革效应（红色为减收年份），\(moneyUnit)"))
        chart_axis_set_label_position(effect.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
        chart_axis_set_num_format(effect.pointee.y_axis, "#,##0")
        chart_legend_set_position(effect, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        try sheet.insert(effect, row: top, column: 4)
        let factor = try workbook.addChart(LXW_CHART_LINE)
        let line = chart_add_series(factor, nil, nil)
        chart_series_set_categories(line, name, first, 0, last, 0)
        chart_series_set_values(line, name, first, 2, last, 2)
        chart_series_set_name_range(line, name, lxw_row_t(top + 1), 2)
        chart_series_set_marker_type(line, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue))
        chart_title_set_name(factor, language.pick(
            "Capacity factor (below 1: the limit binds)", "承受能力系数（低于1即约束触发）"))
        chart_axis_set_num_format(factor.pointee.y_axis, "0.00")
        chart_axis_set_min(factor.pointee.y_axis, 0)
        chart_axis_set_max(factor.pointee.y_axis, 1.05)
        chart_legend_set_position(factor, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        try sheet.insert(factor, row: top + 18, column: 4)
        return top + 38
    }
}
