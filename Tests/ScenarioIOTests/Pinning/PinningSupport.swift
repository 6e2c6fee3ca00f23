import Foundation
import ScenarioIO
import Testing

/// A temporary folder with a tiny scenario whose numbers are computed by hand, for the tests of
/// `fiscal-sim test`.
///
/// Two units of one district, tax growth 10 %, one rebate band of 50 % on a fixed base, both
/// adopted in 2026:
/// - unit a: tax 2026 = 1000 × 1.1 = 1100.00, reference 1000.00, increment 100.00, rebate 50.00;
///   2027: tax 1210.00, increment 210.00, rebate 105.00;
/// - unit b: tax 2026 = 2000 × 1.1 = 2200.00, rebate 100.00;
/// - district 2026: tax 3300.00, rebates 150.00, net revenue 3150.00, counterfactual net revenue
///   3300.00, reform effect −150.00.
struct PinFixture {
    let folder: TemporaryFolder

    /// The scenario, as `s.yaml` next to `units.csv`.
    static let scenario = """
        name: tiny
        years: {base: 2025, end: 2027}
        units: units.csv
        districts: [{id: d}]
        growth: {tax: 0.1}
        rollout: {default: 2026}
        rebate:
          reference: fixed
          bands: [{rate: 0.5}]
        variants:
          - name: flat-30
            set: {rebate.bands: [{rate: 0.3}]}
        """

    static let units = """
        id,name,district,tags,tax,allocation
        a,甲,d,,1000,100
        b,乙,d,,2000,200
        """

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("s.yaml", Self.scenario)
        try folder.write("units.csv", Self.units)
    }

    /// Writes a test file `name` (in `tests/`, so the scenario is `../s.yaml`) and returns its path.
    @discardableResult
    func write(_ text: String, name: String = "tests/t.yaml") throws -> String { try folder.write(name, text) }

    /// The checks of the test file `text`, recording an issue if it is invalid.
    func checks(_ text: String, name: String = "tests/t.yaml", sourceLocation: SourceLocation = #_sourceLocation) throws -> [PinCheck] {
        let path = try write(text, name: name)
        do {
            var runner = PinRunner()
            return runner.run(try PinSuite.read(path))
        } catch {
            Issue.record("\(path) is not a valid test file:\n\(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// The diagnostics of reading an invalid test file (records an issue if it is valid).
    func readErrors(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Diagnostic] {
        let path = try write(text)
        do {
            _ = try PinSuite.read(path)
            Issue.record("\(path) was read but should have been rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }
}

/// Expects every check to pass, naming the failures otherwise.
func expectAllPassed(_ checks: [PinCheck], count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(checks.count == count, "expected \(count) checks, found \(checks.count)", sourceLocation: sourceLocation)
    let failures = checks.filter { !$0.passed }.map(\.failureLine)
    #expect(failures.isEmpty, "failures:\n\(failures.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// The one failing check among `checks` (records an issue unless there is exactly one).
func onlyFailure(_ checks: [PinCheck], sourceLocation: SourceLocation = #_sourceLocation) -> PinCheck? {
    let failures = checks.filter { !$0.passed }
    #expect(failures.count == 1, "expected one failure, found \(failures.map(\.failureLine))", sourceLocation: sourceLocation)
    return failures.count == 1 ? failures[0] : nil
}
