import FiscalModel

/// The columns of `waves.csv` (推开批次表, model.md §20) and the wave columns a sweep point gains
/// (`wave_<id>_year`, `wave_<id>_adopted_share`, `wave_<id>_year_mean`): their names and what
/// each means, for `datapackage.json` and the Chinese headers.
public enum WaveColumns {
    /// The file name.
    public static let fileName = "waves.csv"

    /// `waves.csv`'s columns, in file order.
    public static let table = ["variant", "wave", "year", "adopted_share", "abandoned_share"]

    /// The sweep columns of one wave (推开批次) with id `id`, in row order: a deterministic sweep's
    /// adoption year, or a Monte Carlo sweep's adopted share and mean year.
    public static func sweep(wave id: String, monteCarlo: Bool) -> [String] {
        monteCarlo ? ["wave_\(id)_adopted_share", "wave_\(id)_year_mean"] : ["wave_\(id)_year"]
    }

    /// Descriptions of `waves.csv`'s own columns (the key columns `variant` and `year` are the
    /// catalogue's).
    private static let entries: [String: ColumnCatalog.Entry] = [
        "wave": .init(kind: .string, description: "Id of an evidence-gated roll-out wave (model.md §20)", chinese: "推开批次"),
        "adopted_share": .init(kind: .ratio, description: "Share of paths on which the wave has adopted by this year (deterministic: 0 or 1)", chinese: "已推开比例"),
        "abandoned_share": .init(kind: .ratio, description: "Share of paths on which the wave was abandoned (stopWhen) by this year", chinese: "已放弃比例"),
    ]

    /// The entry of `column` if it is one of `waves.csv`'s or a sweep's wave column.
    static func entry(for column: String) -> ColumnCatalog.Entry? {
        if let entry = entries[column] { return entry }
        guard column.hasPrefix("wave_") else { return nil }
        let rest = column.dropFirst(5)
        func id(_ suffix: String) -> String? {
            rest.hasSuffix(suffix) && rest.count > suffix.count ? String(rest.dropLast(suffix.count)) : nil
        }
        if let id = id("_adopted_share") {
            return .init(kind: .ratio, description: "Share of paths on which wave '\(id)' adopts by the last year", chinese: "\(id)推开比例")
        }
        if let id = id("_year_mean") {
            return .init(kind: .number, description: "Mean adoption year of wave '\(id)' over the paths that adopt (empty when none does)", chinese: "\(id)平均推开年份")
        }
        if let id = id("_year") {
            return .init(kind: .integer, description: "Adoption year of wave '\(id)' (empty when not adopted)", chinese: "\(id)推开年份")
        }
        return nil
    }
}
