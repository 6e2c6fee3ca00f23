import FiscalModel
import Foundation
import ScenarioIO
import Testing

@Suite("Scenario loading (model.md §11, §13)")
struct LoaderTests {
    static let units = """
        id,name,district,tags,tax,allocation,population
        a,甲,d,pilot,1000,100,10
        b,乙,d,,2000,200,30
        """

    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    /// Writes a scenario with the given sections after name, years, units and districts (lines 1–4).
    func scenario(_ body: String, units: String = LoaderTests.units) throws -> String {
        try folder.write("units.csv", units)
        return try folder.write("s.yaml", "name: t\nyears: {base: 2025, end: 2028}\nunits: units.csv\ndistricts: [{id: d}]\n" + body)
    }

    @Test func misspeltKeyIsReportedWithLocationAndHint() throws {
        let path = try scenario("rebate:\n  refrence: fixed\n  bands: [{rate: 0.3}]\n")
        let errors = loadErrors(path)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.file == path && error.line == 6 && error.column == 3)
        #expect(error.message.contains("unknown key 'refrence'") && error.message.contains("did you mean 'reference'?"))
        #expect(error.description.hasPrefix("\(path):6:3: error: "))
    }

    @Test func minimalScenarioUsesDefaults() throws {
        let path = try scenario("")
        let loaded = try #require(loadScenario(path))
        let model = loaded.scenario
        #expect(model.currency == "CNY" && model.moneyUnit == "万元" && model.precision == 2 && model.paths == 1 && model.seed == 0)
        #expect(model.units.map(\.name) == ["甲", "乙"])
        #expect(model.units[0].tags == ["pilot"])
        #expect(model.reform.rebate == nil && model.reform.lineFees.isEmpty)
        #expect(loaded.sha256.count == 64)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let path = try scenario("", units: "\u{FEFF}" + Self.units)
        #expect(loadScenario(path)?.scenario.units.count == 2)
    }

    @Test func variantSetPathsAddressListsByIdAndStepYears() throws {
        let path = try scenario("""
            lineFees:
              - id: greening
                collectedColumn: population
                transferShare: 0.5
                allocationKey: {population: 1}
            variants:
              - name: later
                set: {lineFees.greening.transferShare.2027: 0.9, rollout.byTag.pilot: never}
            """)
        let loaded = try #require(loadScenario(path))
        let variant = try #require(loaded.scenario.variants.first)
        let share = variant.policy.lineFees[0].transferShare
        #expect(share.value(in: 2026) == 0.5 && share.value(in: 2027) == 0.9)
        #expect(variant.policy.rollout.byTag["pilot"] == .never)
        #expect(loaded.scenario.reform.lineFees[0].transferShare == StepFunction(0.5))
    }

    @Test func variantsMayNotChangeTheFrame() throws {
        let path = try scenario("variants:\n  - name: v\n    set: {years.end: 2030}\n")
        let errors = loadErrors(path)
        #expect(errors.contains { $0.message.contains("'years.end' cannot be changed by a variant") && $0.line == 7 })
    }

    @Test func quotedNumbersAndBooleansAreNotNumbers() throws {
        let path = try scenario("growth: {tax: \"0.06\"}\nallocation: {indexation: true}\n")
        let messages = loadErrors(path).map(\.message)
        #expect(messages.contains { $0.contains("growth.tax") && $0.contains("quoted numbers are text") })
        #expect(messages.contains { $0.contains("allocation.indexation") && $0.contains("expected a number") })
    }

    @Test func shippedScenarioIsBuiltIn() throws {
        let builtIn = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path)
        let onDisk = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        #expect(builtIn.scenario == onDisk.scenario)
        #expect(builtIn.sha256 == onDisk.sha256)
    }
}
