import FiscalModel
import Foundation

/// Renders a deterministic run's `units.csv` and `districts.csv` (model.md §9, §13) from the column
/// catalogues: rows ordered variant → district → unit → year, money rounded by the scenario's
/// rule, ratios to 6 decimals, pooled amounts by largest remainder so every pool adds up in the
/// file. Cells go straight into the bytes of the file (issue 22).
public struct ResultTables: Sendable {
    /// The run's rounded cells.
    public let rounded: RoundedRun
    /// The scenario.
    public var scenario: Scenario { rounded.scenario }
    /// The run result.
    public var result: RunResult { rounded.result }

    /// Creates the tables of `result`.
    public init(scenario: Scenario, result: RunResult) {
        self.init(RoundedRun(scenario: scenario, result: result))
    }

    /// Creates the tables of a run whose cells are already rounded.
    public init(_ rounded: RoundedRun) {
        self.rounded = rounded
    }

    private var money: MoneyRounding { scenario.moneyRounding }
    private var ratio: MoneyRounding { scenario.ratioRounding }

    /// A value cell of kind `kind`: money or ratio, empty for `nil`.
    private func cell(_ value: Double?, kind: ColumnKind, in csv: inout CSVText) {
        guard let value else { return csv.emptyCell() }
        csv.cell(kind == .ratio ? ratio.round(value) : money.round(value))
    }

    /// `units.csv` as text.
    public func unitsCSV() -> String { String(decoding: unitsData(), as: UTF8.self) }

    /// `units.csv`'s bytes, after a byte-order mark with `bom`.
    public func unitsData(bom: Bool = false) -> Data {
        var data = unitsHeader(bom: bom)
        unitsRows { data.append($0) }
        return data
    }

    /// `units.csv`'s header line (after a byte-order mark with `bom`), line break included.
    public func unitsHeader(bom: Bool = false) -> Data {
        var csv = CSVText(bom: bom)
        let fees = scenario.feeCategories
        csv.append(UnitYearColumn.fields(categoryCount: fees.count).map { $0.name(categories: fees) })
        return csv.data
    }

    /// `units.csv`'s rows after the header, handed to `sink` in chunks of about `chunkBytes`
    /// bytes (a large table goes to its file without being held whole; issue 22); `progress`
    /// is told the rows written every few thousand.
    public func unitsRows(
        chunkBytes: Int = 1 << 20, progress: ((Int) -> Void)? = nil, into sink: (Data) throws -> Void
    ) rethrows {
        var written = 0
        var csv = CSVText()
        let fees = scenario.feeCategories
        let fields = UnitYearColumn.fields(categoryCount: fees.count)
        let kinds = fields.map(\.column.entry.kind)
        let groups = scenario.unitsByDistrict
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        for (variant, pools) in zip(result.variants, rounded.pools) {
            for (d, members) in groups.enumerated() {
                let district = scenario.districts[d].id
                for i in members {
                    let unit = scenario.units[i]
                    let slot = pools.slot[i]
                    for (y, row) in variant.units[i].enumerated() {
                        for (field, kind) in zip(fields, kinds) {
                            switch field.column {
                            case .variant: csv.cell(variant.name)
                            case .district: csv.cell(district)
                            case .unit: csv.cell(unit.id)
                            case .unitName: csv.cell(unit.name)
                            case .year: csv.cell(row.year)
                            case .adopted: csv.cell(row.adopted ? "true" : "false")
                            // Pooled amounts: the unit's part of its district's rounded pool.
                            case .fee: csv.cell(pools.fees(field.category!, d, y)[slot])
                            case .feesTotal: csv.cell(fees.indices.reduce(zero) { $0 + pools.fees($1, d, y)[slot] })
                            case .donations: csv.cell(pools.donations(d, y)[slot])
                            default: cell(field.column.value(in: row, category: field.category), kind: kind, in: &csv)
                            }
                        }
                        csv.endRow()
                        written += 1
                        if written % 4096 == 0 { progress?(written) }
                        if csv.byteCount >= chunkBytes { try csv.flush(into: sink) }
                    }
                }
            }
        }
        if csv.byteCount > 0 { try csv.flush(into: sink) }
    }

    /// `districts.csv` as text.
    public func districtsCSV() -> String { String(decoding: districtsData(), as: UTF8.self) }

    /// `districts.csv`'s bytes, after a byte-order mark with `bom`.
    public func districtsData(bom: Bool = false) -> Data {
        var csv = CSVText(bom: bom)
        let fees = scenario.feeCategories
        let fields = DistrictYearColumn.fields(categoryCount: fees.count)
        let kinds = fields.map(\.column.entry.kind)
        csv.append(fields.map { $0.name(categories: fees) })
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        for (variant, pools) in zip(result.variants, rounded.pools) {
            for (d, district) in scenario.districts.enumerated() {
                for (y, row) in variant.districts[d].enumerated() {
                    let feeParts = fees.indices.map { pools.fees($0, d, y) }
                    let collected = fees.indices.map { money.round(row.feesCollected[$0]) }
                    let transferred = feeParts.map { $0.dropLast().reduce(zero, +) }
                    let retained = feeParts.map { $0.last! }
                    let donationParts = pools.donations(d, y)
                    let unitCount = donationParts.count - 2
                    for (field, kind) in zip(fields, kinds) {
                        switch field.column {
                        case .variant: csv.cell(variant.name)
                        case .district: csv.cell(district.id)
                        case .districtName: csv.cell(district.name)
                        case .year: csv.cell(row.year)
                        // Pooled amounts: sums of the rounded parts, so every pool adds up.
                        case .feesCollected: csv.cell(collected.reduce(zero, +))
                        case .feesTransferred: csv.cell(transferred.reduce(zero, +))
                        case .feesRetained: csv.cell(retained.reduce(zero, +))
                        case .feesCollectedOf: csv.cell(collected[field.category!])
                        case .feesTransferredOf: csv.cell(transferred[field.category!])
                        case .feesRetainedOf: csv.cell(retained[field.category!])
                        case .donationsAllocated: csv.cell(donationParts.prefix(unitCount).reduce(zero, +))
                        case .donationsRetained: csv.cell(donationParts[unitCount])
                        case .donationsReserve: csv.cell(donationParts[unitCount + 1])
                        default: cell(field.column.value(in: row, category: field.category), kind: kind, in: &csv)
                        }
                    }
                    csv.endRow()
                }
            }
        }
        return csv.data
    }
}
