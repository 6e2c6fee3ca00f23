import Dispatch
import FiscalModel
import Foundation

/// Renders a Monte Carlo run's `units_quantiles.csv` and `districts_quantiles.csv` (model.md §9,
/// §13): long format, one row per key × metric with mean, p05, p25, p50, p75, p95 of the
/// unrounded per-path values, each rounded on its own — money by the scenario's precision and
/// rule, ratios to 6 decimals. A statistic that is undefined on every path (a reference where
/// the rebate does not apply, self-sufficiency with need 0) is empty.
public struct QuantileTables: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// The result.
    public let result: MonteCarloResult

    /// Creates the tables of `result`.
    public init(scenario: Scenario, result: MonteCarloResult) {
        self.scenario = scenario
        self.result = result
    }

    /// Statistic columns after the key columns and `metric`.
    public static let statisticColumns = ["mean", "p05", "p25", "p50", "p75", "p95"]

    /// Column names of the unit metrics (the wide `units.csv` names).
    public var unitMetricNames: [String] {
        result.unitMetrics.map { $0.name(categories: scenario.feeCategories) }
    }

    /// Column names of the district metrics (the wide `districts.csv` names).
    public var districtMetricNames: [String] {
        result.districtMetrics.map { $0.name(categories: scenario.feeCategories) }
    }

    /// Each metric's rounding: money by the scenario's precision and rule, ratios to 6 decimals.
    private func roundings(isRatio: [Bool]) -> [MoneyRounding] {
        isRatio.map { $0 ? scenario.ratioRounding : scenario.moneyRounding }
    }

    /// `units_quantiles.csv` as a file, after a UTF-8 byte-order mark with `bom`.
    public func unitsData(bom: Bool = false) -> Data {
        var data = unitsHeader(bom: bom)
        unitsRows { data.append($0) }
        return data
    }

    /// `units_quantiles.csv`'s header line, after a UTF-8 byte-order mark with `bom`.
    public func unitsHeader(bom: Bool = false) -> Data {
        Data(Self.header(["variant", "district", "unit", "year"], bom: bom))
    }

    /// `units_quantiles.csv`'s rows after the header, handed to `sink` in blocks (one variant
    /// and district each), in order. The blocks are rendered concurrently while the earlier ones
    /// go to `sink` (`OrderedBlocks`), so that a large table is written as it is rendered.
    public func unitsRows(into sink: (Data) throws -> Void) rethrows {
        let names = MetricNames(unitMetricNames)
        let roundings = roundings(isRatio: result.unitMetrics.map { $0.column.entry.kind == .ratio })
        let groups = scenario.unitsByDistrict
        let blocks = result.variants.indices.flatMap { v in groups.indices.map { (v, $0) } }
        let (scenario, result) = (scenario, result)
        let render: @Sendable (Int) -> Data = { b in
            let (v, d) = blocks[b]
            let statistics = result.unitStatistics
            var bytes = ByteBuffer(capacity: groups[d].count * result.yearCount * names.count * 80)
            let district = CSVText.escape(result.variants[v]) + "," + CSVText.escape(scenario.districts[d].id) + ","
            for i in groups[d] {
                let unit = district + CSVText.escape(scenario.units[i].id) + ","
                for y in 0..<result.yearCount {
                    Self.appendMetricRows(
                        keys: "\(unit)\(scenario.horizon.year(at: y)),", names: names, roundings: roundings, to: &bytes
                    ) { statistics.row(result.unitRow(variant: v, unit: i, year: y, metric: $0)) }
                }
            }
            return bytes.data()
        }
        try OrderedBlocks.render(count: blocks.count, ahead: MemoryEstimate.tableBlocksAhead, render, into: sink)
    }

    /// `districts_quantiles.csv` as a file, after a UTF-8 byte-order mark with `bom`.
    public func districtsData(bom: Bool = false) -> Data {
        let header = Self.header(["variant", "district", "year"], bom: bom)
        var bytes = ByteBuffer(capacity: header.count + result.districtStatistics.rows * 80)
        header.withUnsafeBufferPointer { bytes.append($0) }
        let names = MetricNames(districtMetricNames)
        let roundings = roundings(isRatio: result.districtMetrics.map { $0.column.entry.kind == .ratio })
        for (v, variant) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                for y in 0..<result.yearCount {
                    Self.appendMetricRows(
                        keys: "\(CSVText.escape(variant)),\(CSVText.escape(district.id)),\(scenario.horizon.year(at: y)),",
                        names: names, roundings: roundings, to: &bytes
                    ) { result.districtStatistics.row(result.districtRow(variant: v, district: d, year: y, metric: $0)) }
                }
            }
        }
        return bytes.data()
    }

    /// The header line (key columns, `metric`, the statistics), after a byte-order mark with `bom`.
    private static func header(_ keys: [String], bom: Bool) -> [UInt8] {
        var csv = CSVText(bom: bom)
        csv.append(keys + ["metric"] + statisticColumns)
        return [UInt8](csv.data)
    }

    /// One line per metric after the same key cells `keys` (`…,year,`): the metric's name and
    /// the statistics `row(m)`.
    private static func appendMetricRows(
        keys: String, names: MetricNames, roundings: [MoneyRounding], to bytes: inout ByteBuffer,
        row: (Int) -> UnsafeMutablePointer<Double>
    ) {
        Array(keys.utf8).withUnsafeBufferPointer { keys in
            for m in 0..<names.count {
                bytes.append(keys)
                names.append(m, to: &bytes)
                appendStatistics(row(m), rounding: roundings[m], to: &bytes)
            }
        }
    }

    /// `,mean,p05,…,p95` of one row and the line end; a statistic undefined on every path is empty.
    private static func appendStatistics(
        _ values: UnsafeMutablePointer<Double>, rounding: MoneyRounding, to bytes: inout ByteBuffer
    ) {
        for j in 0..<RowStatistics.count {
            bytes.append(UInt8(ascii: ","))
            let value = values[j]
            if !value.isNaN { bytes.append(rounding.round(value)) }
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}

/// The metric names of a quantile table as CSV cells (`name,`), in one block of bytes.
private struct MetricNames: Sendable {
    private let bytes: [UInt8]
    private let ends: [Int]

    init(_ names: [String]) {
        var bytes: [UInt8] = [], ends: [Int] = []
        for name in names {
            bytes += Array(CSVText.escape(name).utf8)
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// Number of metrics.
    var count: Int { ends.count }

    /// Appends metric `m`'s name.
    func append(_ m: Int, to buffer: inout ByteBuffer) {
        let start = m == 0 ? 0 : ends[m - 1]
        bytes.withUnsafeBufferPointer { buffer.append(UnsafeBufferPointer(rebasing: $0[start..<ends[m]])) }
    }
}
