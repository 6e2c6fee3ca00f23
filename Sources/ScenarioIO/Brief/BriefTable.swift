import FiscalModel

/// `brief.csv` of a deterministic run (model.md §22): the `BriefRow`s as text, lists
/// `;`-separated, money rounded by the scenario's rule, ratios to 6 decimals.
public enum BriefTable {
    /// The `;` that joins a list cell.
    static let separator = ";"

    /// `brief.csv` of `rows` as text.
    public static func csv(_ rows: [BriefRow], scenario: Scenario) -> String {
        let ratio = scenario.ratioRounding
        var csv = CSVText()
        csv.append(BriefColumns.deterministic)
        func years(_ list: [Int]) -> String { list.map(String.init).joined(separator: separator) }
        for row in rows {
            csv.append([
                row.variant, row.district, row.reformEffectTotal.text, years(row.lossYears), String(row.worstYear),
                row.worstReformEffect.text, row.worstShareOfRevenue.map(ratio.text) ?? "",
                row.paybackYear.map(String.init) ?? "", years(row.capacityBindingYears), ratio.text(row.minCapacityFactor),
                row.presentValue.text, String(row.unitsWithGap), row.gapUnits.map(\.name).joined(separator: separator),
                row.gapTotal.text, row.uncoveredTasks.joined(separator: separator),
            ])
        }
        return csv.text
    }
}
