import CXlsxWriter
import Foundation

/// Why a workbook could not be written.
public struct WorkbookError: ToolError {
    /// What went wrong and what to do.
    public var description: String
}

/// A thin owner of one libxlsxwriter workbook being written to a file: sheets, cached cell
/// formats and charts. Everything libxlsxwriter-specific (the C API) stays in this file and
/// `XlsxSheet`.
final class XlsxWorkbook {
    /// 1980-01-01T00:00:00Z, the document's fixed creation time (model.md §18: same run, same bytes).
    static let fixedCreationTime: time_t = 315_532_800

    private let handle: UnsafeMutablePointer<lxw_workbook>
    private let path: String
    private var formats: [FormatKey: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false
    /// libxlsxwriter's temporary folder: the folder the workbook is written in (the run's
    /// hidden work folder), not /tmp, which is often small on cluster nodes (issue 23).
    private let temporaryFolder: UnsafeMutablePointer<CChar>
    /// libxlsxwriter's messages on standard error while the workbook is written.
    private let messages: StandardErrorCapture

    /// A cell format: a number format code (empty: General) and boldness.
    struct FormatKey: Hashable {
        var numberFormat: String
        var bold = false
        var wrap = false
        var right = false
    }

    /// Opens a workbook writing to `url`. With `constantMemory` rows are flushed to a
    /// temporary file as they are written (libxlsxwriter's constant-memory mode), so a large
    /// table needs no more memory than one row.
    init(url: URL, title: String, constantMemory: Bool) throws {
        path = url.path
        let folder = url.deletingLastPathComponent()
        temporaryFolder = strdup(folder.path)
        messages = StandardErrorCapture(into: folder.appendingPathComponent(".libxlsxwriter-messages"))
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 1
        options.tmpdir = temporaryFolder
        guard let handle = workbook_new_opt(path, &options) else {
            throw WorkbookError(description: "cannot create the workbook \(url.lastPathComponent) in \(folder.path)\(Self.explained(messages.finish())); check that the folder is writable and the disk has space")
        }
        self.handle = handle
        var properties = lxw_doc_properties()
        properties.created = Self.fixedCreationTime
        try title.withCString { title in
            try "fiscal-sim".withCString { author in
                properties.title = UnsafeMutablePointer(mutating: title)
                properties.author = UnsafeMutablePointer(mutating: author)
                try check(workbook_set_properties(handle, &properties), "set the document properties")
            }
        }
    }

    deinit {
        if !closed { workbook_close(handle) }
        _ = messages.finish()
        free(temporaryFolder)
    }

    /// Adds a sheet called `name` (at most 31 characters, none of `[]:*?/\`).
    func addSheet(_ name: String) throws -> XlsxSheet {
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw WorkbookError(description: "cannot add the sheet '\(name)' to \(path)")
        }
        return XlsxSheet(handle: sheet, workbook: self)
    }

    /// The cached format for `key`.
    func format(_ key: FormatKey) -> UnsafeMutablePointer<lxw_format>? {
        if key == FormatKey(numberFormat: "") { return nil }
        if let format = formats[key] { return format }
        guard let format = workbook_add_format(handle) else { return nil }
        if !key.numberFormat.isEmpty { format_set_num_format(format, key.numberFormat) }
        if key.bold { format_set_bold(format) }
        if key.right { format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        if key.wrap {
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        formats[key] = format
        return format
    }

    /// A native chart (`LXW_CHART_LINE`, `LXW_CHART_COLUMN`, …), inserted with `XlsxSheet.insert`.
    func addChart(_ type: lxw_chart_type) throws -> UnsafeMutablePointer<lxw_chart> {
        guard let chart = workbook_add_chart(handle, UInt8(type.rawValue)) else {
            throw WorkbookError(description: "cannot add a chart to \(path)")
        }
        return chart
    }

    /// Writes the file, releases the workbook and checks the file is whole
    /// (`XlsxPackageCheck`); libxlsxwriter's messages become part of the error.
    func close() throws {
        closed = true
        let status = workbook_close(handle)
        let printed = Self.explained(messages.finish())
        guard status == LXW_NO_ERROR else {
            throw WorkbookError(description: "\(String(cString: lxw_strerror(status)).trimmingCharacters(in: CharacterSet(charactersIn: ".")))\(printed); usually the disk is full or the folder is not writable")
        }
        do {
            try XlsxPackageCheck.verify(URL(fileURLWithPath: path))
        } catch {
            throw WorkbookError(description: "\(error)\(printed)")
        }
    }

    /// `text` (what libxlsxwriter printed) as a clause of an error message, or "".
    static func explained(_ text: String) -> String {
        if !StandardErrorCapture.isEnabled { return " (libxlsxwriter's own [ERROR] line on standard error, if any, is about the same problem)" }
        return text.isEmpty ? "" : " (libxlsxwriter reported: \(text.split(whereSeparator: \.isNewline).joined(separator: " / ")))"
    }

    /// Throws a `WorkbookError` if `error` is not `LXW_NO_ERROR`.
    func check(_ error: lxw_error, _ what: String) throws {
        guard error != LXW_NO_ERROR else { return }
        throw WorkbookError(description: "cannot \(what): \(String(cString: lxw_strerror(error))) (libxlsxwriter)")
    }
}

/// One sheet of an `XlsxWorkbook`.
struct XlsxSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: XlsxWorkbook

    /// Writes a number cell.
    func number(_ row: Int, _ column: Int, _ value: Double, _ format: XlsxWorkbook.FormatKey) throws {
        try workbook.check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), value, workbook.format(format)), "write a cell")
    }

    /// Writes a text cell.
    func text(_ row: Int, _ column: Int, _ value: String, _ format: XlsxWorkbook.FormatKey = .init(numberFormat: "")) throws {
        try workbook.check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), value, workbook.format(format)), "write a cell")
    }

    /// Writes a boolean cell.
    func boolean(_ row: Int, _ column: Int, _ value: Bool) throws {
        try workbook.check(
            worksheet_write_boolean(handle, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, nil), "write a cell")
    }

    /// Attaches a note (comment) to a cell.
    func note(_ row: Int, _ column: Int, _ text: String) throws {
        try workbook.check(worksheet_write_comment(handle, lxw_row_t(row), lxw_col_t(column), text), "write a note")
    }

    /// Sets the width of `column` in characters of the default font.
    func width(_ column: Int, _ width: Double, _ format: XlsxWorkbook.FormatKey? = nil) throws {
        try workbook.check(
            worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, format.flatMap(workbook.format)),
            "set a column width")
    }

    /// Writes `value` into the cells `firstColumn…lastColumn` of `row`, merged into one.
    func merged(_ row: Int, _ firstColumn: Int, _ lastColumn: Int, _ value: String, _ format: XlsxWorkbook.FormatKey) throws {
        try workbook.check(
            worksheet_merge_range(
                handle, lxw_row_t(row), lxw_col_t(firstColumn), lxw_row_t(row), lxw_col_t(lastColumn), value,
                workbook.format(format)),
            "merge cells")
    }

    /// Sets the height of `row` in points.
    func height(_ row: Int, _ points: Double) throws {
        try workbook.check(worksheet_set_row(handle, lxw_row_t(row), points, nil), "set a row height")
    }

    /// Freezes the rows above `rows` and the columns left of `columns`.
    func freeze(rows: Int, columns: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// An autofilter over rows `0…lastRow` and columns `0…lastColumn`.
    func autofilter(lastRow: Int, lastColumn: Int) throws {
        try workbook.check(worksheet_autofilter(handle, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn)), "set an autofilter")
    }

    /// Prints in landscape; `fitWidth` scales the sheet to one page wide, `repeatHeader`
    /// repeats the first row on every page.
    func pageSetup(fitWidth: Bool, repeatHeader: Bool = false) throws {
        worksheet_set_landscape(handle)
        worksheet_set_paper(handle, 9)  // A4
        if fitWidth { worksheet_fit_to_pages(handle, 1, 0) }
        if repeatHeader { try workbook.check(worksheet_repeat_rows(handle, 0, 0), "repeat the header row when printing") }
    }

    /// Places `chart` with its top-left corner at the cell (`row`, `column`).
    func insert(_ chart: UnsafeMutablePointer<lxw_chart>, row: Int, column: Int) throws {
        var options = lxw_chart_options()
        options.x_scale = 1.25
        options.y_scale = 1.1
        try workbook.check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart, &options), "insert a chart")
    }
}
