import FiscalModel

/// What each output column means: its Table Schema type, whether it is money, a description
/// and a Chinese label. Used for `datapackage.json` and the column guide. The columns of
/// `units.csv` and `districts.csv` are their catalogues' (`UnitYearColumn`,
/// `DistrictYearColumn`); the other tables' columns are listed here.
public enum ColumnCatalog {
    /// How a column is typed in the data package.
    public typealias Kind = ColumnKind

    /// A column's entry.
    public typealias Entry = ColumnEntry

    private static let fixed: [String: Entry] = [
        "metric": .init(kind: .string, description: "Name of the column of units.csv / districts.csv summarised in this row", chinese: "指标"),
        "mean": .init(kind: .number, description: "Mean over Monte Carlo paths", chinese: "均值"),
        "p05": .init(kind: .number, description: "5th percentile over paths (linear interpolation, NumPy's default)", chinese: "5%分位数"),
        "p25": .init(kind: .number, description: "25th percentile over paths", chinese: "25%分位数"),
        "p50": .init(kind: .number, description: "Median over paths", chinese: "中位数"),
        "p75": .init(kind: .number, description: "75th percentile over paths", chinese: "75%分位数"),
        "p95": .init(kind: .number, description: "95th percentile over paths", chinese: "95%分位数"),
        "sd": .init(kind: .number, description: "Standard deviation over paths", chinese: "标准差"),
        "units_with_gap": .init(kind: .integer, description: "Number of units whose rounded gap is negative (a funding gap)", chinese: "缺口街道数"),
        "mean_self_sufficiency": .init(kind: .ratio, description: "Mean self-sufficiency over the units with need > 0", chinese: "平均财力自给率"),
        "tag": .init(kind: .string, description: "The unit tag that defines the group (e.g. pilot, village-converted)", chinese: "标签"),
        "group": .init(kind: .string, description: "with: the units carrying the tag; without: the other units", chinese: "组别"),
        "units": .init(kind: .integer, description: "Number of units in the group", chinese: "街道数"),
        "mean_gap": .init(kind: .money, description: "Mean gap per unit of the group", chinese: "平均缺口"),
        "gap_did": .init(kind: .money, description: "Difference-in-differences of the mean gap, tagged minus other units, this year minus did_before_year (from the tagged units' first adoption year on)", chinese: "缺口双重差分"),
        "did_before_year": .init(kind: .integer, description: "The year before the tagged units first adopt, whose gaps are the 'before' of gap_did (the base year uses base-year data)", chinese: "双重差分基准年"),
    ]

    /// The entry for `column`; columns nobody described are numbers.
    public static func entry(for column: String) -> Entry {
        if let column = UnitYearColumn.named(column) { return column.entry }
        if let column = DistrictYearColumn.named(column) { return column.entry }
        if let entry = fixed[column] { return entry }
        if let entry = BriefColumns.entries[column] { return entry }
        if let entry = WaveColumns.entry(for: column) { return entry }
        for (suffix, against, chinese) in [("_vs_counterfactual", "the counterfactual", "较反事实"), ("_vs_reform", "reform", "较改革方案")]
        where column.hasSuffix(suffix) {
            let base = entry(for: String(column.dropLast(suffix.count)))
            return Entry(kind: base.kind, description: "\(base.description): this variant minus \(against), same district and year", chinese: base.chinese + chinese)
        }
        if let (family, category) = DistrictYearColumn.perCategory(column) { return family.entry(category: category) }
        if let (family, category) = UnitYearColumn.perCategory(column) { return family.entry(category: category) }
        return Entry(kind: .number, description: "See README.md, 'Output columns'", chinese: column)
    }
}
