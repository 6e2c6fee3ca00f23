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

    private var money: NumberText { NumberText(.rounded(scenario.moneyRounding)) }
    private var ratio: NumberText {
        NumberText(.rounded(scenario.ratioRounding))
    }

    /// `units_quantiles.csv` as UTF-8 bytes.
    public func unitsCSV() -> [UInt8] { [UInt8](unitsData()) }

    /// `units_quantiles.csv` as a file, after a UTF-8 byte-order mark with `bom`. Blocks of rows
    /// (one variant and district each) are rendered concurrently and copied once, in order,
    /// into the file, so the bytes do not depend on scheduling.
    public func unitsData(bom: Bool = false) -> Data {
        var header: [UInt8] = []
        appendRow(["variant", "district", "unit", "year", "metric"] + Self.statisticColumns, to: &header)
        let names = unitMetricNames.map { Array(CSVText.escape($0).utf8) }
        let formats = result.unitMetrics.map { $0.column.entry.kind == .ratio ? ratio : money }
        let groups = scenario.unitsByDistrict
        let blocks = result.variants.indices.flatMap { v in groups.indices.map { (v, $0) } }
        let rendered = RenderedBlocks(count: blocks.count)
        let statistics = result.unitStatistics
        DispatchQueue.concurrentPerform(iterations: blocks.count) { b in
            let (v, d) = blocks[b]
            var bytes: [UInt8] = []
            bytes.reserveCapacity(groups[d].count * result.yearCount * names.count * 72)
            let district = CSVText.escape(result.variants[v]) + "," + CSVText.escape(scenario.districts[d].id) + ","
            for i in groups[d] {
                let unit = district + CSVText.escape(scenario.units[i].id) + ","
                for y in 0..<result.yearCount {
                    // The row's key cells once per unit-year, each metric's name after them.
                    let keys = Array("\(unit)\(scenario.horizon.year(at: y)),".utf8)
                    for (m, name) in names.enumerated() {
                        bytes.append(contentsOf: keys)
                        bytes.append(contentsOf: name)
                        appendStatistics(
                            statistics.row(result.unitRow(variant: v, unit: i, year: y, metric: m)),
                            format: formats[m], to: &bytes)
                    }
                }
            }
            rendered.store(bytes, at: b)
        }
        return rendered.joined(after: (bom ? Self.byteOrderMark : []) + header)
    }

    /// `districts_quantiles.csv` as UTF-8 bytes.
    public func districtsCSV() -> [UInt8] { [UInt8](districtsData()) }

    /// `districts_quantiles.csv` as a file, after a UTF-8 byte-order mark with `bom`.
    public func districtsData(bom: Bool = false) -> Data {
        var bytes: [UInt8] = bom ? Self.byteOrderMark : []
        appendRow(["variant", "district", "year", "metric"] + Self.statisticColumns, to: &bytes)
        let names = districtMetricNames.map { Array(CSVText.escape($0).utf8) }
        let formats = result.districtMetrics.map { $0.column.entry.kind == .ratio ? ratio : money }
        for (v, variant) in result.variants.enumerated() {
            for (d, district) in scenario.districts.enumerated() {
                let prefix = Array((CSVText.escape(variant) + "," + CSVText.escape(district.id) + ",").utf8)
                for y in 0..<result.yearCount {
                    let year = Array("\(scenario.horizon.year(at: y)),".utf8)
                    for (m, name) in names.enumerated() {
                        bytes += prefix
                        bytes += year
                        bytes += name
                        appendStatistics(
                            result.districtStatistics.row(result.districtRow(variant: v, district: d, year: y, metric: m)),
                            format: formats[m], to: &bytes)
                    }
                }
            }
        }
        return Data(bytes)
    }

    /// The UTF-8 byte-order mark Excel needs to read the file as UTF-8.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func appendStatistics(_ values: UnsafeMutablePointer<Double>, format: NumberText, to bytes: inout [UInt8]) {
        for j in 0..<RowStatistics.count {
            bytes.append(UInt8(ascii: ","))
            let value = values[j]
            if !value.isNaN { format.append(value, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private func appendRow(_ fields: [String], to bytes: inout [UInt8]) {
        bytes += Array(fields.map(CSVText.escape).joined(separator: ",").utf8)
        bytes.append(UInt8(ascii: "\n"))
    }
}

/// Rendered blocks of a table, each written by one task.
private final class RenderedBlocks: @unchecked Sendable {
    private var blocks: [[UInt8]]
    private let lock = NSLock()

    init(count: Int) { blocks = Array(repeating: [], count: count) }

    func store(_ bytes: [UInt8], at index: Int) {
        lock.lock()
        blocks[index] = bytes
        lock.unlock()
    }

    /// `head`, then every block in order, copied once into one file.
    func joined(after head: [UInt8]) -> Data {
        var data = Data(capacity: head.count + blocks.reduce(0) { $0 + $1.count })
        data.append(contentsOf: head)
        for block in blocks { data.append(contentsOf: block) }
        return data
    }
}
