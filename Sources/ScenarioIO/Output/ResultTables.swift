import FiscalModel

/// Renders a deterministic run's `units.csv` and `districts.csv` (model.md §9, §13) from the column
/// catalogues: rows ordered variant → district → unit → year, money rounded by the scenario's
/// rule, ratios to 6 decimals, pooled amounts by largest remainder so every pool adds up in the
/// file.
public struct ResultTables {
    /// The scenario.
    public let scenario: Scenario
    /// The run result.
    public let result: RunResult

    /// Creates the tables of `result`.
    public init(scenario: Scenario, result: RunResult) {
        self.scenario = scenario
        self.result = result
    }

    private var money: MoneyRounding { scenario.moneyRounding }
    private var ratio: MoneyRounding { scenario.ratioRounding }

    /// A value cell of kind `kind`: money or ratio text, empty for `nil`.
    private func text(_ value: Double?, kind: ColumnKind) -> String {
        value.map(kind == .ratio ? ratio.text : money.text) ?? ""
    }

    /// `units.csv` as text.
    public func unitsCSV() -> String {
        var csv = CSVText()
        let fees = scenario.feeCategories
        let fields = UnitYearColumn.fields(categoryCount: fees.count)
        csv.append(fields.map { $0.name(categories: fees) })
        let groups = scenario.unitsByDistrict
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        for variant in result.variants {
            let pools = RoundedPools(variant, scenario: scenario, rounding: money)
            for (d, members) in groups.enumerated() {
                let district = scenario.districts[d].id
                for i in members {
                    let unit = scenario.units[i]
                    for (y, row) in variant.units[i].enumerated() {
                        let feeParts = fees.indices.map { pools.fees[$0][d][y][pools.slot[i]] }
                        csv.append(fields.map { field in
                            switch field.column {
                            case .variant: variant.name
                            case .district: district
                            case .unit: unit.id
                            case .unitName: unit.name
                            case .year: String(row.year)
                            case .adopted: row.adopted ? "true" : "false"
                            // Pooled amounts: the unit's part of its district's rounded pool.
                            case .fee: feeParts[field.category!].text
                            case .feesTotal: feeParts.reduce(zero, +).text
                            case .donations: pools.donations[d][y][pools.slot[i]].text
                            default: text(field.column.value(in: row, category: field.category), kind: field.column.entry.kind)
                            }
                        })
                    }
                }
            }
        }
        return csv.text
    }

    /// `districts.csv` as text.
    public func districtsCSV() -> String {
        var csv = CSVText()
        let fees = scenario.feeCategories
        let fields = DistrictYearColumn.fields(categoryCount: fees.count)
        csv.append(fields.map { $0.name(categories: fees) })
        let zero = ScaledAmount(units: 0, precision: scenario.precision)
        for variant in result.variants {
            let pools = RoundedPools(variant, scenario: scenario, rounding: money)
            for (d, district) in scenario.districts.enumerated() {
                for (y, row) in variant.districts[d].enumerated() {
                    let feeParts = fees.indices.map { pools.fees[$0][d][y] }
                    let collected = fees.indices.map { money.round(row.feesCollected[$0]) }
                    let transferred = feeParts.map { $0.dropLast().reduce(zero, +) }
                    let retained = feeParts.map { $0.last! }
                    let donationParts = pools.donations[d][y]
                    let unitCount = donationParts.count - 2
                    csv.append(fields.map { field in
                        switch field.column {
                        case .variant: variant.name
                        case .district: district.id
                        case .districtName: district.name
                        case .year: String(row.year)
                        // Pooled amounts: sums of the rounded parts, so every pool adds up.
                        case .feesCollected: collected.reduce(zero, +).text
                        case .feesTransferred: transferred.reduce(zero, +).text
                        case .feesRetained: retained.reduce(zero, +).text
                        case .feesCollectedOf: collected[field.category!].text
                        case .feesTransferredOf: transferred[field.category!].text
                        case .feesRetainedOf: retained[field.category!].text
                        case .donationsAllocated: donationParts.prefix(unitCount).reduce(zero, +).text
                        case .donationsRetained: donationParts[unitCount].text
                        case .donationsReserve: donationParts[unitCount + 1].text
                        default: text(field.column.value(in: row, category: field.category), kind: field.column.entry.kind)
                        }
                    })
                }
            }
        }
        return csv.text
    }
}
