import FiscalModel

/// Renders a deterministic run's `units.csv` and `districts.csv` (SPEC §9, §13): rows ordered
/// variant → district → unit → year, money rounded by the scenario's rule, pooled amounts by
/// largest remainder so every pool adds up in the file.
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

    /// `units.csv` as text.
    public func unitsCSV() -> String {
        var csv = CSVText()
        let fees = scenario.feeCategories
        csv.append(OutputColumns.units(fees: fees))
        let groups = scenario.unitsByDistrict
        for variant in result.variants {
            let pools = RoundedPools(variant, scenario: scenario, rounding: money)
            for (d, members) in groups.enumerated() {
                let district = scenario.districts[d].id
                for i in members {
                    let unit = scenario.units[i]
                    for (y, row) in variant.units[i].enumerated() {
                        let feeParts = fees.indices.map { pools.fees[$0][d][y][pools.slot[i]] }
                        let donation = pools.donations[d][y][pools.slot[i]]
                        var fields = [
                            variant.name, district, unit.id, String(row.year), row.adopted ? "true" : "false",
                            money.text(row.tax), row.reference.map(money.text) ?? "", money.text(row.increment),
                            money.text(row.rebate), money.text(row.allocation),
                        ]
                        fields += feeParts.map(\.text)
                        fields += [
                            feeParts.reduce(ScaledAmount(units: 0, precision: scenario.precision), +).text, donation.text,
                            money.text(row.enterpriseIncome), money.text(row.collectiveIncome), money.text(row.resources),
                            money.text(row.need), money.text(row.gap), row.selfSufficiency.map(ratio.text) ?? "",
                        ]
                        fields += row.taskCosts.map(money.text)
                        fields += fees.indices.map { row.coverage($0).map(ratio.text) ?? "" }
                        fields.append(unit.name)
                        csv.append(fields)
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
        csv.append(OutputColumns.districts(fees: fees))
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
                    var fields = [
                        variant.name, district.id, String(row.year), money.text(row.tax), money.text(row.rebates),
                        ratio.text(row.capacityFactor), money.text(row.netRevenue),
                        money.text(row.counterfactualNetRevenue), money.text(row.reformEffect),
                        collected.reduce(zero, +).text, transferred.reduce(zero, +).text, retained.reduce(zero, +).text,
                        money.text(row.donationsPooled), donationParts.prefix(unitCount).reduce(zero, +).text,
                        donationParts[unitCount].text, donationParts[unitCount + 1].text, money.text(row.need),
                        money.text(row.resources), money.text(row.gap),
                    ]
                    for k in fees.indices {
                        fields += [collected[k].text, transferred[k].text, retained[k].text]
                    }
                    fields.append(district.name)
                    csv.append(fields)
                }
            }
        }
        return csv.text
    }
}
