import CXlsxWriter

/// Colours a column chart's points by year (the Brief sheet, model.md §22): loss years red, the
/// others the planner's blue, so the years the district loses money stand out on paper too.
struct LossColumns {
    /// The plotted years, in order.
    let years: [Int]
    /// The loss years among them.
    let losses: Set<Int>

    /// Red (loss) and blue (gain), as Excel RGB.
    static let loss: lxw_color_t = 0xC0_00_00, gain: lxw_color_t = 0x44_72_C4

    /// Sets the fill of every point of `series` (libxlsxwriter copies the points).
    func apply(to series: UnsafeMutablePointer<lxw_chart_series>?) throws {
        var fills = years.map { lxw_chart_fill(color: losses.contains($0) ? Self.loss : Self.gain, none: 0, transparency: 0) }
        try fills.withUnsafeMutableBufferPointer { fillBuffer in
            var points = fillBuffer.indices.map { lxw_chart_point(line: nil, fill: fillBuffer.baseAddress! + $0, pattern: nil) }
            try points.withUnsafeMutableBufferPointer { pointBuffer in
                var list: [UnsafeMutablePointer<lxw_chart_point>?] = pointBuffer.indices.map { pointBuffer.baseAddress! + $0 }
                list.append(nil)
                let error = list.withUnsafeMutableBufferPointer { chart_series_set_points(series, $0.baseAddress) }
                guard error == LXW_NO_ERROR else {
                    throw WorkbookError(description: "cannot colour the loss years of a chart (libxlsxwriter)")
                }
            }
        }
    }
}
