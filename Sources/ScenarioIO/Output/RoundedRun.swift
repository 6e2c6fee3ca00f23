import FiscalModel

/// A deterministic run's rounded cells (舍入后的表格数字, model.md §13), computed once and shared
/// by `units.csv`, `districts.csv`, `comparison.csv`, the printed summaries and the workbook
/// (issue 22): each variant's pooled parts by largest remainder and the comparison rows built
/// from them. Every table reading these reads the same cents.
public struct RoundedRun: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// The run result.
    public let result: RunResult
    /// Per variant, in result order: its pooled fee and donation parts.
    let pools: [RoundedPools]
    /// `comparisonRows[variant][district][year]`: the headline figures as `comparison.csv` writes them.
    public let comparisonRows: [[[ComparisonTable.Row]]]

    /// Rounds `result`'s pools and headline figures.
    public init(scenario: Scenario, result: RunResult) {
        self.scenario = scenario
        self.result = result
        let pools = result.variants.map { RoundedPools($0, scenario: scenario, rounding: scenario.moneyRounding) }
        self.pools = pools
        comparisonRows = zip(result.variants, pools).map { variant, pools in
            ComparisonTable.rows(of: variant, pools: pools, scenario: scenario)
        }
    }
}
