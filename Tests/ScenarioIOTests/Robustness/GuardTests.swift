import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 14, item 2 (model.md §19): a computed value beyond the limits stops the run, naming the
/// variant, the unit or district, the year, the column and what to check; nothing is rendered.
@Suite("Robustness: computation guards")
struct GuardTests {
    let cases: ValidationTests
    init() throws { cases = try ValidationTests() }

    /// Unit a's tax is at the input limit, so the first projected year passes it.
    func atTheLimit(growth: String = "0.06", paths: Int = 1) throws -> LoadedScenario {
        let units = ValidationTests.units(setting: 5, of: "a", to: "1000000000000000")
        let (_, path) = try cases.write("paths: \(paths)\ngrowth: {tax: \(growth), volatility: 0.01}\n" + ValidationTests.greening, units: units)
        return try #require(loadScenario(path))
    }

    func violation(_ loaded: LoadedScenario, sourceLocation: SourceLocation = #_sourceLocation) -> ProjectionLimitViolation? {
        do {
            _ = try ScenarioRun(loaded, threads: 2)
            Issue.record("the run went through", sourceLocation: sourceLocation)
        } catch let error as ProjectionLimitViolation {
            return error
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test(arguments: [1, 130])
    func taxPastTheLimitStopsTheRunInItsFirstYear(paths: Int) throws {
        let loaded = try atTheLimit(paths: paths)
        let found = try #require(violation(loaded))
        #expect(found.variant == "counterfactual")
        #expect(found.place == .unit("a"))
        #expect(found.year == 2026)
        #expect(found.column == "tax")
        #expect(found.value > 1e15)
        #expect(found.description.hasPrefix("counterfactual unit 'a' 2026 tax reached "))
        #expect(found.description.contains("— check growth.tax"))
    }

    /// A district total can pass the limit when no unit does.
    @Test func districtTotalPastTheLimit() throws {
        let units = ValidationTests.units(setting: 5, of: "a", to: "600000000000000")
        let both = units.replacingOccurrences(of: "b,乙,d,,2000", with: "b,乙,d,,600000000000000")
        let (_, path) = try cases.write("", units: both)
        let loaded = try #require(loadScenario(path))
        let found = try #require(violation(loaded))
        #expect(found.place == .district("d"))
        #expect(found.year == 2026 && found.column == "tax")
    }

    /// An indexed fixed reference is the one unit value no district total bounds.
    @Test(arguments: [1, 130])
    func indexedReferencePastTheLimit(paths: Int) throws {
        let units = ValidationTests.units(setting: 5, of: "a", to: "10000000000000")
        let (_, path) = try cases.write("paths: \(paths)\nrebate: {reference: fixed, referenceGrowth: 9, bands: [{rate: 0.3}]}\n", units: units)
        let loaded = try #require(loadScenario(path))
        let found = try #require(violation(loaded))
        #expect(found.variant == "reform" && found.place == .unit("a") && found.column == "reference")
    }

    /// A fee that compounds past the limit names the fee column and its growth parameter.
    @Test func feeGrowthPastTheLimit() throws {
        let units = ValidationTests.units(setting: 9, of: "a", to: "900000000000000")
        let body = ValidationTests.greening.replacingOccurrences(of: "transferShare: 0.5", with: "transferShare: 0.5, growth: 0.5")
        let (_, path) = try cases.write(body, units: units)
        let loaded = try #require(loadScenario(path))
        let found = try #require(violation(loaded))
        #expect(found.variant == "counterfactual" && found.place == .district("d") && found.year == 2026)
        #expect(found.column == "fees_collected_greening")
        #expect(found.parameter.contains("lineFees.greening.growth"))
    }

    /// Within the limits nothing is flagged: the shipped scenario runs both ways.
    @Test func shippedScenarioIsWithinTheLimits() throws {
        let loaded = try ScenarioLoader(files: ShippedScenario.files).load(ShippedScenario.path)
        #expect(Simulation(loaded.scenario).runDeterministic().limitViolation == nil)
        #expect(MonteCarloSimulation(loaded.scenario).run(paths: 70, seed: 3, threads: 2).limitViolation == nil)
    }
}
