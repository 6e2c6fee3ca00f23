import FiscalModel

/// `groups.csv`: per variant × year × tag, the units carrying the tag (`with`) and the rest
/// (`without`) — pilot vs the others, village-converted vs the others — with sums, means and,
/// on the `with` rows, the difference-in-differences of the mean funding gap
/// (`GapDifferenceInDifferences`).
///
/// Sums and means are of unrounded unit values, rounded once; `units_with_gap` counts units
/// whose rounded gap is negative.
public struct GroupTable {
    /// The columns.
    public static let columns = [
        "variant", "year", "tag", "group", "units", "tax", "rebate", "fees_total", "donations", "resources", "need",
        "gap", "mean_gap", "mean_self_sufficiency", "units_with_gap", "gap_did", "did_before_year",
    ]

    /// The scenario.
    public let scenario: Scenario
    /// The run.
    public let result: RunResult

    /// Creates the table of `result`.
    public init(scenario: Scenario, result: RunResult) {
        self.scenario = scenario
        self.result = result
    }

    /// Tags carried by at least one unit, in order of first appearance in the units file.
    public var tags: [String] {
        var seen: [String] = []
        for tag in scenario.units.flatMap(\.tags) where !seen.contains(tag) { seen.append(tag) }
        return seen
    }

    /// `groups.csv` as text.
    public func csv() -> String {
        let money = scenario.moneyRounding
        let ratio = scenario.ratioRounding
        let simulation = Simulation(scenario)
        var csv = CSVText()
        csv.append(Self.columns)
        let tags = self.tags
        for variant in result.variants {
            guard let policy = simulation.policy(ofVariant: variant.name),
                let compiled = simulation.compiledPolicy(followedBy: variant)
            else { continue }
            let split = tags.map { tag in
                let with = scenario.units.indices.filter { scenario.units[$0].tags.contains(tag) }
                return (tag, with, scenario.units.indices.filter { !scenario.units[$0].tags.contains(tag) })
            }
            let did = split.map { _, with, without in
                GapDifferenceInDifferences(
                    tagged: with, rest: without, variant: variant, compiled: compiled, scenario: scenario, policy: policy)
            }
            for (y, year) in scenario.horizon.years.enumerated() {
                // Each unit's row built once a year, shared by every tag's groups (issue 22).
                let rows = variant.units.indices.map { variant.units[$0][y] }
                for ((tag, with, without), did) in zip(split, did) {
                    let groups = [GroupYear(with.map { rows[$0] }), GroupYear(without.map { rows[$0] })]
                    for (g, group) in groups.enumerated() {
                        var fields = [variant.name, String(year), tag, g == 0 ? "with" : "without", String(group.units)]
                        fields += [group.tax, group.rebate, group.feesTotal, group.donations, group.resources, group.need, group.gap]
                            .map(money.text)
                        fields.append(group.meanGap.map(money.text) ?? "")
                        fields.append(group.meanSelfSufficiency.map(ratio.text) ?? "")
                        fields.append(String(group.rows.filter { money.round($0.gap).units < 0 }.count))
                        if g == 0, let did, let tagged = groups[0].meanGap, let rest = groups[1].meanGap,
                            let value = did.value(in: year, taggedMeanGap: tagged, restMeanGap: rest)
                        {
                            fields += [money.text(value), String(did.beforeYear)]
                        } else {
                            fields += ["", ""]
                        }
                        csv.append(fields)
                    }
                }
            }
        }
        return csv.text
    }
}
