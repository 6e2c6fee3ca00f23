import FiscalModel
import ScenarioIO
import Testing

/// The levers' one set of labels (issues 20, 21): what the sweep workbook and the what-if page show.
@Suite("Lever labels: one place, names from the scenario")
struct LeverLabelNameTests {
    @Test("bands count from 1, in both languages")
    func bands() {
        #expect(LeverLabel.text("rebate.bands.0.rate", language: .english) == "rebate rate, band 1")
        #expect(LeverLabel.text("rebate.bands.2.upTo", language: .chinese) == "第3档上限")
    }

    @Test("with the scenario, districts, streets and fees are named as people read them")
    func namesFromTheScenario() throws {
        let scenario = try #require(loadScenario("scenarios/pilot-districts.yaml")).scenario
        let path = "districts.residential.capacity.maxShareOfRevenue"
        #expect(LeverLabel.text(path, language: .chinese, scenario: scenario) == "居住区（示例）承受能力上限（占收入比）")
        #expect(LeverLabel.text(path, language: .english) == "capacity limit (share of revenue)")
        let unit = try #require(scenario.units.first)
        #expect(LeverLabel.text("rollout.byUnit.\(unit.id)", language: .english, scenario: scenario) == "roll-out year of \(unit.name)")
        let fee = try #require(scenario.reform.lineFees.first)
        #expect(LeverLabel.text("lineFees.\(fee.id).transferShare", language: .chinese, scenario: scenario) == "\(fee.title ?? fee.id)条费下拨比例")
    }

    @Test("a path without a label is shown as written")
    func unknownPath() {
        #expect(LeverLabel.text("rebate.bands.0.colour", language: .chinese) == "rebate.bands.0.colour")
        #expect(LeverLabel.labels("districts.core.capacity") == nil)
    }
}
