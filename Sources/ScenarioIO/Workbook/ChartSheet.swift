import CXlsxWriter

/// The Charts sheet (图表): each chart's numbers as a small block of cells (title, a header of
/// series names, one row per year) with the native chart beside it, plotting those cells.
struct ChartSheet {
    /// The charts, top to bottom.
    let charts: [ChartSpec]
    /// The workbook's language.
    let language: WorkbookLanguage
    /// Number formats.
    let formats: NumberFormats

    /// Rows a chart takes on the sheet (its block, or the chart's height if taller).
    private static let blockHeight = 18

    /// Writes the sheet into `workbook`.
    func write(into workbook: XlsxWorkbook) throws {
        guard !charts.isEmpty else { return }
        let name = SheetNames.charts.name(language)
        let sheet = try workbook.addSheet(name)
        let bold = XlsxWorkbook.FormatKey(numberFormat: "", bold: true)
        var top = 0
        var widest = 1
        for spec in charts {
            try sheet.text(top, 0, spec.title, bold)
            try sheet.text(top + 1, 0, spec.categoryAxis, bold)
            for (s, series) in spec.series.enumerated() { try sheet.text(top + 1, s + 1, series.name, bold) }
            for (y, category) in spec.categories.enumerated() {
                if let value = Double(category) {
                    try sheet.number(top + 2 + y, 0, value, .init(numberFormat: formats.code(spec.categoryStyle)))
                } else {
                    try sheet.text(top + 2 + y, 0, category)
                }
                for (s, series) in spec.series.enumerated() {
                    if let value = series.values[y] {
                        try sheet.number(top + 2 + y, s + 1, value, .init(numberFormat: formats.code(spec.style)))
                    }
                }
            }
            let chart = try workbook.addChart(spec.kind == .line ? LXW_CHART_LINE : LXW_CHART_COLUMN)
            let first = lxw_row_t(top + 2)
            let last = lxw_row_t(top + 1 + spec.categories.count)
            for s in spec.series.indices {
                let added = chart_add_series(chart, nil, nil)
                chart_series_set_categories(added, name, first, 0, last, 0)
                chart_series_set_values(added, name, first, lxw_col_t(s + 1), last, lxw_col_t(s + 1))
                chart_series_set_name_range(added, name, lxw_row_t(top + 1), lxw_col_t(s + 1))
                if spec.kind == .line { chart_series_set_marker_type(added, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue)) }
            }
            chart_title_set_name(chart, spec.title)
            chart_axis_set_name(chart.pointee.x_axis, spec.categoryAxis)
            chart_axis_set_name(chart.pointee.y_axis, spec.valueAxis)
            // Years below the plot, also under negative values.
            chart_axis_set_label_position(chart.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
            chart_axis_set_num_format(chart.pointee.y_axis, spec.style == .ratio ? "0.00" : spec.style == .number ? "0" : "#,##0")
            if let minimum = spec.valueMinimum { chart_axis_set_min(chart.pointee.y_axis, minimum) }
            if let maximum = spec.valueMaximum { chart_axis_set_max(chart.pointee.y_axis, maximum) }
            chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
            widest = max(widest, spec.series.count)
            try sheet.insert(chart, row: top, column: spec.series.count + 2)
            top += max(Self.blockHeight, spec.categories.count + 4)
        }
        try sheet.width(0, 12)
        for column in 1...widest { try sheet.width(column, 16) }
        try sheet.pageSetup(fitWidth: true)
    }
}
