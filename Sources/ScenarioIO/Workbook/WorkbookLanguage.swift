/// The language of a workbook's sheet names, headers and notes (`--lang`).
public enum WorkbookLanguage: String, Sendable {
    /// English (the CSV contract's headers).
    case english
    /// Chinese (`--lang zh`).
    case chinese

    /// `english` or `chinese`, whichever this language is.
    func pick(_ english: String, _ chinese: String) -> String { self == .english ? english : chinese }

    /// The header of an output column (`ColumnCatalog`'s Chinese label under `.chinese`).
    func header(_ column: String) -> String { self == .english ? column : ColumnCatalog.entry(for: column).chinese }
}

/// The name and description of each kind of sheet, in both languages.
enum SheetNames {
    /// A sheet's name and what it holds.
    struct Entry {
        var english: String
        var chinese: String
        var holds: String
        var holdsChinese: String

        func name(_ language: WorkbookLanguage) -> String { language.pick(english, chinese) }
        func description(_ language: WorkbookLanguage) -> String { language.pick(holds, holdsChinese) }
    }

    static let about = Entry(
        english: "About", chinese: "说明", holds: "What produced this workbook and how to read it (this sheet)",
        holdsChinese: "本工作簿的来源与阅读说明（本表）")
    static let brief = Entry(
        english: "Brief", chinese: "简报",
        holds: "The answer first: per variant and district the reform effect, loss years, payback, when the capacity limit binds and which streets are short (brief.csv), with charts",
        holdsChinese: "先看结论：各方案、各区的改革效应、减收年份、回本年份、承受能力约束年份及仍有缺口的街道（brief.csv），附图")
    static let summary = Entry(
        english: "Summary", chinese: "汇总", holds: "The summary and headline comparison that `fiscal-sim run` prints",
        holdsChinese: "`fiscal-sim run` 输出的汇总表与主要对比")
    static let charts = Entry(
        english: "Charts", chinese: "图表", holds: "Native charts, each beside the cells it plots (copied from the tables)",
        holdsChinese: "原生图表，旁附所绘数据（取自各数据表）")

    /// The sheet of a CSV file of the run folder.
    static func table(_ file: String) -> Entry {
        switch file {
        case "comparison.csv":
            return Entry(english: "Comparison", chinese: "对比", holds: "comparison.csv: per variant, district and year, headline figures and their differences against the counterfactual and reform", holdsChinese: "comparison.csv：按方案、区、年份的主要指标及其较反事实、较改革方案的差额")
        case "districts.csv":
            return Entry(english: "Districts", chinese: "区", holds: "districts.csv: one row per variant, district and year", holdsChinese: "districts.csv：每个方案、区、年份一行")
        case "units.csv":
            return Entry(english: "Units", chinese: "街道", holds: "units.csv: one row per variant, street office and year", holdsChinese: "units.csv：每个方案、街道、年份一行")
        case "groups.csv":
            return Entry(english: "Groups", chinese: "分组", holds: "groups.csv: units with and without each tag, per variant and year", holdsChinese: "groups.csv：按标签分组（含/不含）的各方案逐年汇总")
        case "districts_quantiles.csv":
            return Entry(english: "District quantiles", chinese: "区分位数", holds: "districts_quantiles.csv: mean and quantiles over paths, per variant, district, year and metric", holdsChinese: "districts_quantiles.csv：按方案、区、年份、指标的路径均值与分位数")
        case "units_quantiles.csv":
            return Entry(english: "Unit quantiles", chinese: "街道分位数", holds: "units_quantiles.csv: mean and quantiles over paths, per variant, street office, year and metric", holdsChinese: "units_quantiles.csv：按方案、街道、年份、指标的路径均值与分位数")
        case "waves.csv":
            return Entry(english: "Waves", chinese: "推开批次", holds: "waves.csv: per variant with waves, wave and year, the share of paths on which the wave has adopted and on which it was abandoned by that year (deterministic: 0 or 1)", holdsChinese: "waves.csv：按方案、推开批次、年份，截至当年已推开与已放弃的路径比例（确定性运行为 0 或 1）")
        case "sweep.csv":
            return Entry(english: "Sweep", chinese: "扫描", holds: "sweep.csv: one row per sweep point, district and year", holdsChinese: "sweep.csv：每个扫描点、区、年份一行")
        default:
            let stem = String(file.split(separator: ".").first ?? Substring(file))
            return Entry(english: stem, chinese: stem, holds: file, holdsChinese: file)
        }
    }

    /// The name of continuation sheet `part` (1-based; part 1 is the plain name).
    static func part(_ name: String, _ part: Int) -> String {
        part == 1 ? name : "\(name) (\(part))"
    }
}
