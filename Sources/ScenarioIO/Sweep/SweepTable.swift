import FiscalModel
import Foundation

/// `sweep.csv` (model.md §15.1): per point in order, its districts in declared order and then its
/// `all` row; columns `point`, `point_name`, one per swept path, `district`, the metrics.
public struct SweepTable: Sendable {
    /// The validated sweep.
    public let plan: SweepPlan

    /// The table of `plan`.
    public init(_ plan: SweepPlan) { self.plan = plan }

    /// The header row.
    public var header: [String] {
        ["point", "point_name"] + plan.definition.paths + ["district"]
            + SweepMetrics.columns(monteCarlo: plan.isMonteCarlo, waves: plan.waveIDs)
    }

    /// The district column of each row of a point: the district ids, then `all`.
    public var districts: [String] { plan.template.loaded.scenario.districts.map(\.id) + ["all"] }

    /// The CSV text of the points `numbers` (in that order) with their metric `rows` from
    /// `SweepEvaluator.rows(of:)`; a subset gives exactly its rows of the whole table.
    public func csv(numbers: [Int], rows: [[[String]]]) -> String {
        var csv = CSVText()
        csv.append(header)
        for (number, pointRows) in zip(numbers, rows) {
            let point = plan.definition.points[number - 1]
            for (district, metrics) in zip(districts, pointRows) {
                csv.append([String(point.number), point.name] + point.values + [district] + metrics)
            }
        }
        return csv.text
    }
}
