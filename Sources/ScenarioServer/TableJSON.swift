import FiscalModel
import ScenarioIO

/// Tables and summaries as the API answers them (model.md §21): a CSV's records as
/// `{"columns": [{name, en, zh}], "rows": [[…]]}` with every number exactly as the CSV writes it
/// (rounded as in the CSVs), labels from the column catalogue; `run`'s printed summaries as
/// `{"title", "columns", "rows"}`.
enum TableJSON {
    /// `records` (header first), keeping the rows `keep` accepts (given the row's cells by column).
    static func table(_ records: [[String]], keep: ([String: String]) -> Bool = { _ in true }) -> JSONValue {
        guard let header = records.first else { return .object([("columns", .array([])), ("rows", .array([]))]) }
        let kinds = header.map { ColumnCatalog.entry(for: $0).kind }
        var rows: [JSONValue] = []
        for record in records.dropFirst() {
            let byName = Dictionary(zip(header, record), uniquingKeysWith: { first, _ in first })
            guard keep(byName) else { continue }
            rows.append(.array(zip(kinds, record).map { cell($1, kind: $0) }))
        }
        return .object([("columns", .array(header.map(column))), ("rows", .array(rows))])
    }

    /// A column's name and labels.
    static func column(_ name: String) -> JSONValue {
        let entry = ColumnCatalog.entry(for: name)
        return .object([
            ("name", .string(name)), ("en", .string(name.replacingOccurrences(of: "_", with: " "))),
            ("zh", .string(entry.chinese)), ("description", .string(entry.description)),
        ])
    }

    /// A cell: text for text columns, `true`/`false`, numbers as written, `null` when empty.
    static func cell(_ text: String, kind: ColumnCatalog.Kind) -> JSONValue {
        switch kind {
        case .string: return .string(text)
        case .boolean: return .bool(text == "true")
        default:
            if text.isEmpty { return .null }
            return Double(text) != nil ? .number(text) : .string(text)
        }
    }

    /// A summary `run` prints, keeping the rows whose variant (first cell) is in `variants`.
    static func summary(_ grid: SummaryGrid, variants: [String]) -> JSONValue {
        let rows = grid.rows.filter { row in
            if case .text(let name)? = row.first { return variants.contains(name) }
            return false
        }
        let kinds = grid.columns.indices.map { index in grid.rows.lazy.compactMap { $0.indices.contains(index) ? kind($0[index]) : nil }.first ?? "text" }
        return .object([
            ("title", .object([("en", .string(grid.title)), ("zh", .string(grid.chineseTitle))])),
            ("columns", .array(zip(grid.columns, kinds).map { column, kind in
                .object([("en", .string(column.english)), ("zh", .string(column.chinese)), ("kind", .string(kind))])
            })),
            ("rows", .array(rows.map { .array($0.map(cell)) })),
        ])
    }

    /// What a cell holds: `text`, `money`, `ratio` or `count` (`nil` when empty).
    private static func kind(_ cell: SummaryGrid.Cell) -> String? {
        switch cell {
        case .text: return "text"
        case .money: return "money"
        case .ratio: return "ratio"
        case .fraction: return "count"
        case .empty: return nil
        }
    }

    private static func cell(_ cell: SummaryGrid.Cell) -> JSONValue {
        switch cell {
        case .text(let text): return .string(text)
        case .money(let text), .ratio(let text): return Double(text) != nil ? .number(text) : .string(text)
        case let .fraction(count, total): return .object([("count", .int(count)), ("of", .int(total))])
        case .empty: return .null
        }
    }

    /// The exact difference of two money texts written at `precision` decimals.
    static func difference(_ a: String, _ b: String, precision: Int) -> String? {
        guard let x = scaled(a, precision: precision), let y = scaled(b, precision: precision) else { return nil }
        return (x - y).text
    }

    private static func scaled(_ text: String, precision: Int) -> ScaledAmount? {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int128(String(parts[0])) else { return nil }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        guard decimals.count == (precision > 0 ? precision : 0), decimals.allSatisfy(\.isNumber) else { return nil }
        var units = whole
        for _ in 0..<precision { units *= 10 }
        units += Int128(decimals) ?? 0
        return ScaledAmount(units: negative ? -units : units, precision: precision)
    }
}
