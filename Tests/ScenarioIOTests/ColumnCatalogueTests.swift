import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// The column catalogues (`UnitYearColumn`, `DistrictYearColumn`) against what the run writes:
/// every catalogue column is in the written header, in catalogue order, and each title is a
/// header of its own under `--lang zh`.
@Suite("Column catalogues: the written headers, in order; unique Chinese titles")
struct ColumnCatalogueTests {
    /// The positions in `header` of `column`'s written names (one per fee category for a
    /// per-category column), failing when one is missing.
    static func positions<Column: TableColumn>(
        of column: Column, in header: [String], fees: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Int] {
        let names = column.isPerCategory ? fees.map { column.name + $0 } : [column.name]
        return names.compactMap { name in
            let position = header.firstIndex(of: name)
            #expect(position != nil, "\(name) is not in the header \(header)", sourceLocation: sourceLocation)
            return position
        }
    }

    /// Every catalogue column appears in `header`, and a column never comes before one listed
    /// earlier in the catalogue (per-category columns sharing a block interleave by category).
    static func expectInOrder<Column: TableColumn>(_ type: Column.Type, header: [String], fees: [String]) {
        var latestStart = -1
        for column in Column.allCases {
            let positions = positions(of: column, in: header, fees: fees)
            guard let first = positions.first else { continue }
            #expect(first > latestStart || column.categoryBlock != nil, "\(column.name) is written before an earlier catalogue column")
            #expect(positions == positions.sorted(), "\(column.name): categories out of order")
            latestStart = max(latestStart, first)
        }
        let fields = Column.fields(categoryCount: fees.count).map { $0.name(categories: fees) }
        #expect(Array(header.prefix(fields.count)) == fields, "the catalogue's columns come first, in order")
        #expect(Set(header).count == header.count, "a name is written twice: \(header)")
    }

    @Test func theShippedScenarioWritesEveryCatalogueColumnInOrder() throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        let scenario = loaded.scenario
        let fees = scenario.feeCategories
        #expect(fees.count >= 2, "the check needs at least two fee categories to see the interleaving")
        let tables = ResultTables(scenario: scenario, result: Simulation(scenario).runDeterministic())
        let units = ParsedCSV(tables.unitsCSV()).header
        let districts = ParsedCSV(tables.districtsCSV()).header
        Self.expectInOrder(UnitYearColumn.self, header: units, fees: fees)
        Self.expectInOrder(DistrictYearColumn.self, header: districts, fees: fees)
        // The district fee columns interleave by category (model.md §9); the unit ones do not.
        let (a, b) = (fees[0], fees[1])
        let districtFees = districts.filter { $0.hasSuffix("_\(a)") || $0.hasSuffix("_\(b)") }
        #expect(Array(districtFees.prefix(4)) == ["fees_collected_\(a)", "fees_transferred_\(a)", "fees_retained_\(a)", "fees_collected_\(b)"])
        let unitCosts = units.filter { $0.hasPrefix("task_cost_") || $0.hasPrefix("coverage_") }
        #expect(Array(unitCosts.prefix(2)) == ["task_cost_\(a)", "task_cost_\(b)"])
        #expect(units.first == "variant" && units.last == "unit_name")
        #expect(districts.first == "variant" && districts.last == "district_name")
    }

    @Test func chineseTitlesAreUniqueWithinEachTable() {
        let fees = ["greening", "sanitation"]
        for (table, titles) in [
            ("units.csv", UnitYearColumn.fields(categoryCount: fees.count).map { $0.entry(categories: fees).chinese }),
            ("districts.csv", DistrictYearColumn.fields(categoryCount: fees.count).map { $0.entry(categories: fees).chinese }),
        ] {
            let repeated = Dictionary(grouping: titles, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(table): Chinese titles used twice: \(repeated)")
            let notChinese = titles.filter { title in !title.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
            #expect(notChinese.isEmpty, "\(table): titles without a Chinese character: \(notChinese)")
        }
        // Under --lang zh the headers are these titles.
        #expect(ChineseHeaders.translate(UnitYearColumn.header(categories: fees)) == UnitYearColumn.fields(categoryCount: 2).map { $0.entry(categories: fees).chinese })
    }

    @Test func monteCarloReportsTheValueColumnsInOutputOrder() {
        // model.md §9's metric order of the quantile tables, written out by hand.
        #expect(UnitYearColumn.monteCarloFields(categoryCount: 1).map { $0.name(categories: ["g"]) } == [
            "tax", "reference", "increment", "rebate", "allocation", "fee_g", "fees_total", "donations",
            "enterprise_income", "collective_income", "resources", "need", "gap", "self_sufficiency",
        ])
        #expect(DistrictYearColumn.monteCarloFields(categoryCount: 1).map(\.column.name) == [
            "tax", "rebates", "capacity_factor", "net_revenue", "counterfactual_net_revenue", "reform_effect",
            "fees_collected", "fees_transferred", "fees_retained", "donations_pooled", "donations_allocated",
            "donations_retained", "donations_reserve", "need", "resources", "gap",
        ])
    }
}
