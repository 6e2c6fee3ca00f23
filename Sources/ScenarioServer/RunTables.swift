import ScenarioIO

/// What the page shows of a deterministic run.
struct RunTables: Sendable {
    /// The summary `run` prints (totals over the horizon).
    let totals: SummaryGrid
    /// The headline comparison `run` prints.
    let headline: SummaryGrid
    /// `districts.csv`'s records, header first.
    let districts: [[String]]
    /// `units.csv`'s records, header first.
    let units: [[String]]
}

/// What the page shows of a Monte Carlo run.
struct MonteCarloTables: Sendable {
    /// The Monte Carlo summary `run` prints.
    let summary: SummaryGrid
    /// `districts_quantiles.csv`'s records, header first.
    let districts: [[String]]
    /// The what-if's Monte Carlo `sweep.csv` records (totals over the horizon per district and
    /// `all`: quantiles, the probability that the reform effect is negative), header first.
    let totals: [[String]]
}
