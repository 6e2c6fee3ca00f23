/// A column of one output table (输出列), in the table's order: the catalogue of that table
/// (`UnitYearColumn`, `DistrictYearColumn`). Per-category columns (one per fee category) are
/// one case each; `fields(categoryCount:)` expands them.
public protocol TableColumn: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// The CSV header name, or for a per-category column the prefix before the category id.
    var name: String { get }
    /// What the column means.
    var entry: ColumnEntry { get }
    /// Per-category columns only: columns with the same block are written side by side for each
    /// category in turn (`fees_collected_a, fees_transferred_a, …, fees_collected_b, …`);
    /// `nil` for a column written once.
    var categoryBlock: Int? { get }
    /// Whether a Monte Carlo run summarises it over paths (`*_quantiles.csv`).
    var reportedByMonteCarlo: Bool { get }
}

/// One written column of a table: a catalogue column, and the fee category of a per-category one.
public struct ColumnField<Column: TableColumn>: Hashable, Sendable {
    /// The catalogue column.
    public var column: Column
    /// The category index of a per-category column, else `nil`.
    public var category: Int?

    /// Creates a field.
    public init(_ column: Column, category: Int? = nil) {
        self.column = column
        self.category = category
    }

    /// The header name, given the fee category ids.
    public func name(categories: [String]) -> String {
        category.map { column.name + categories[$0] } ?? column.name
    }

    /// What the column means, given the fee category ids.
    public func entry(categories: [String]) -> ColumnEntry {
        column.entry(category: category.map { categories[$0] })
    }
}

extension TableColumn {
    /// Whether the column is written once per fee category.
    public var isPerCategory: Bool { categoryBlock != nil }

    /// What the column means for `category` (a per-category column) or itself.
    public func entry(category: String?) -> ColumnEntry {
        guard let category else { return entry }
        return ColumnEntry(kind: entry.kind, description: "\(entry.description) '\(category)'", chinese: "\(category)\(entry.chinese)")
    }

    /// The table's written columns, in order, for `categoryCount` fee categories; with
    /// `including`, only the catalogue columns it admits.
    public static func fields(categoryCount: Int, including: (Self) -> Bool = { _ in true }) -> [ColumnField<Self>] {
        let columns = allCases.filter(including)
        var fields: [ColumnField<Self>] = []
        var written: Set<Int> = []
        for column in columns {
            guard let block = column.categoryBlock else {
                fields.append(ColumnField(column))
                continue
            }
            guard written.insert(block).inserted else { continue }
            let members = columns.filter { $0.categoryBlock == block }
            for k in 0..<categoryCount { fields += members.map { ColumnField($0, category: k) } }
        }
        return fields
    }

    /// The header row for fee categories `categories`.
    public static func header(categories: [String]) -> [String] {
        fields(categoryCount: categories.count).map { $0.name(categories: categories) }
    }

    /// The columns a Monte Carlo run summarises, in output order.
    public static func monteCarloFields(categoryCount: Int) -> [ColumnField<Self>] {
        fields(categoryCount: categoryCount, including: \.reportedByMonteCarlo)
    }

    /// The catalogue column named `name` (a whole name, not a per-category prefix).
    public static func named(_ name: String) -> Self? {
        allCases.first { !$0.isPerCategory && $0.name == name }
    }

    /// The per-category column whose prefix starts `name`, and the category id after it.
    public static func perCategory(_ name: String) -> (column: Self, category: String)? {
        for column in allCases where column.isPerCategory && name.hasPrefix(column.name) {
            return (column, String(name.dropFirst(column.name.count)))
        }
        return nil
    }
}
