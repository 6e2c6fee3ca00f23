import Testing

@testable import ScenarioIO

/// Issue 21 (printing): on a table sheet each name stands beside its id — the CSV's own name
/// column moved, a name added where the CSV has only the id — and is frozen with its key.
@Suite("Table sheets: the name beside the id")
struct SheetColumnsTests {
    let districts = ["d1": "思明区", "d2": "湖里区"]
    let units = ["u1": "厦港", "u2": "中华"]

    @Test func unitsSheetMovesTheStreetNameAndAddsTheDistrictName() {
        let header = ["variant", "district", "unit", "year", "tax", "unit_name"]
        let columns = SheetColumns(header: header, names: ["district": districts, "unit": units])
        #expect(columns.header(header) == ["variant", "district", "district_name", "unit", "unit_name", "year", "tax"])
        // The CSV's own unit_name wins over the lookup (here deliberately different).
        #expect(columns.cells(["reform", "d2", "u1", "2026", "1.50", "厦港街道"])
            == ["reform", "d2", "湖里区", "u1", "厦港街道", "2026", "1.50"])
        // variant, district, unit, year are the key: with their names, 6 frozen columns.
        #expect(columns.frozen(keyColumns: 4) == 6)
        #expect(columns.frozen(keyColumns: 2) == 3)
    }

    @Test func anUnknownIdGetsAnEmptyNameAndAMissingLookupNoColumn() {
        let header = ["variant", "district", "year", "metric", "mean"]
        let named = SheetColumns(header: header, names: ["district": districts])
        #expect(named.cells(["reform", "all", "2026", "tax", "3"]) == ["reform", "all", "", "2026", "tax", "3"])
        let plain = SheetColumns(header: header, names: [:])
        #expect(plain.header(header) == header)
        #expect(plain.frozen(keyColumns: 3) == 3)
    }

    @Test func aWrittenDistrictNameMovesBesideItsIdAfterTheKeys() {
        let header = ["variant", "district", "year", "net_revenue", "district_name"]
        let columns = SheetColumns(header: header, names: ["district": ["d1": "ignored"]])
        #expect(columns.header(header) == ["variant", "district", "district_name", "year", "net_revenue"])
        #expect(columns.cells(["reform", "d1", "2026", "9.00", "思明区"]) == ["reform", "d1", "思明区", "2026", "9.00"])
        #expect(columns.frozen(keyColumns: 3) == 4)
    }

    @Test func theShippedRunsSheetsShowNames() throws {
        let loaded = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path)
        let names = ReportWorkbook.displayNames(loaded.scenario)
        #expect(names["district"]?["siming"] == "思明区")
        #expect(names["unit"]?["gulangyu"] == "鼓浪屿")
    }
}
