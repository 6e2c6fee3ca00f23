import FiscalModel
import ScenarioIO

/// The answers of `POST /api/run`, a finished Monte Carlo job and `POST /api/sweep` (model.md §21):
/// the rows of the counterfactual, the starting variant and the what-if variant (the changes),
/// with the headline comparison against the counterfactual and against the starting variant.
enum RunResponse {
    /// `POST /api/run`'s answer.
    static func run(_ tables: RunTables, prepared: PreparedWhatIf, precision: Int) -> JSONValue {
        let names = variantNames(prepared)
        let keep: ([String: String]) -> Bool = { names.contains($0["variant"] ?? "") }
        return .object([
            ("variant", .string(prepared.start)),
            ("whatIf", .string(prepared.whatIf.variantName)),
            ("changes", .object(prepared.changesJSON)),
            ("comparison", comparison(tables, prepared: prepared, precision: precision)),
            ("summary", TableJSON.summary(tables.totals, variants: names)),
            ("headline", TableJSON.summary(tables.headline, variants: names)),
            ("districts", TableJSON.table(tables.districts, keep: keep)),
            ("units", TableJSON.table(tables.units, keep: keep)),
        ])
    }

    /// A finished Monte Carlo job's `result`.
    static func monteCarlo(_ tables: MonteCarloTables, prepared: PreparedWhatIf, paths: Int, seed: UInt64) -> JSONValue {
        let names = variantNames(prepared)
        return .object([
            ("variant", .string(prepared.start)),
            ("whatIf", .string(prepared.whatIf.variantName)),
            ("paths", .int(paths)),
            ("seed", .number(String(seed))),
            ("summary", TableJSON.summary(tables.summary, variants: names)),
            ("districts", TableJSON.table(tables.districts) { names.contains($0["variant"] ?? "") }),
            ("totals", TableJSON.table(tables.totals)),
        ])
    }

    /// `POST /api/sweep`'s answer: `sweep.csv` as a table.
    static func sweep(_ records: [[String]], lever: String, prepared: PreparedWhatIf) -> JSONValue {
        .object([
            ("variant", .string(prepared.start)),
            ("lever", .string(lever)),
            ("table", TableJSON.table(records)),
        ])
    }

    /// Counterfactual, starting variant, what-if: the rows the page shows.
    static func variantNames(_ prepared: PreparedWhatIf) -> [String] {
        [Variant.counterfactualName, prepared.start, prepared.whatIf.variantName]
    }

    /// Per district (by name, as `run` prints it): the what-if's totals against the
    /// counterfactual and the starting variant, exact to the cent (differences of the printed
    /// totals).
    static func comparison(_ tables: RunTables, prepared: PreparedWhatIf, precision: Int) -> JSONValue {
        func rows(_ grid: SummaryGrid, _ variant: String) -> [String: [SummaryGrid.Cell]] {
            var byDistrict: [String: [SummaryGrid.Cell]] = [:]
            for row in grid.rows where row.first == .text(variant) {
                if case .text(let district) = row[1] { byDistrict[district] = row }
            }
            return byDistrict
        }
        func money(_ row: [SummaryGrid.Cell]?, _ index: Int) -> String? {
            guard let row, row.indices.contains(index), case .money(let text) = row[index] else { return nil }
            return text
        }
        func number(_ text: String?) -> JSONValue { text.map(JSONValue.number) ?? .null }
        let start = prepared.start, whatIf = prepared.whatIf.variantName
        let totals = (rows(tables.totals, whatIf), rows(tables.totals, start))
        let headline = (rows(tables.headline, whatIf), rows(tables.headline, start), rows(tables.headline, Variant.counterfactualName))
        var districts: [JSONValue] = []
        for row in tables.totals.rows where row.first == .text(whatIf) {
            guard case .text(let district) = row[1] else { continue }
            // Totals: rebates 2, fees 3, donations 4, reform effect 5, units with gap 6.
            // Headline: net revenue 2, vs counterfactual 3.
            let effect = money(totals.0[district], 5), startEffect = money(totals.1[district], 5)
            let net = money(headline.0[district], 2), startNet = money(headline.1[district], 2)
            var gaps: JSONValue = .null
            if case let .fraction(count, total)? = totals.0[district]?[6] { gaps = .object([("count", .int(count)), ("of", .int(total))]) }
            var startGaps: JSONValue = .null
            if case let .fraction(count, total)? = totals.1[district]?[6] { startGaps = .object([("count", .int(count)), ("of", .int(total))]) }
            districts.append(.object([
                ("district", .string(district)),
                ("reformEffect", number(effect)),
                ("startReformEffect", number(startEffect)),
                ("reformEffectVsStart", number(effect.flatMap { a in startEffect.flatMap { TableJSON.difference(a, $0, precision: precision) } })),
                ("netRevenue", number(net)),
                ("counterfactualNetRevenue", number(money(headline.2[district], 2))),
                ("netRevenueVsCounterfactual", number(money(headline.0[district], 3))),
                ("netRevenueVsStart", number(net.flatMap { a in startNet.flatMap { TableJSON.difference(a, $0, precision: precision) } })),
                ("rebates", number(money(totals.0[district], 2))),
                ("startRebates", number(money(totals.1[district], 2))),
                ("unitsWithGap", gaps),
                ("startUnitsWithGap", startGaps),
            ]))
        }
        return .array(districts)
    }
}
