import Foundation
import ScenarioIO
import Testing

@Suite("fiscal-sim test: pinned expectations")
struct PinRunnerTests {
    let fixture: PinFixture

    init() throws { fixture = try PinFixture() }

    @Test func handComputedValuesPass() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            expect:
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100}
              - table: units
                key: {unit: a, year: 2027}
                values: {reference: 1000, increment: 210.00, rebate: 105, adopted: true}
              - {table: units, key: {unit: b, year: 2026}, column: rebate, value: 100.00}
              - table: districts
                key: {district: d, year: 2026}
                values: {tax: 3300, rebates: 150, net_revenue: 3150, counterfactual_net_revenue: 3300, reform_effect: -150}
              - {table: units, key: {variant: flat-30, unit: a, year: 2026}, column: rebate, value: 30}
              - {table: units, key: {variant: counterfactual, unit: a, year: 2026}, column: reference, value: null}
            """)
        expectAllPassed(checks, count: 13)
    }

    /// `command: solve` pins the fields of the `solve.json` that `fiscal-sim solve` writes. By
    /// hand: the reform effect summed over 2026–2027 at band rate r is −r × (300 + 630) = −930 r,
    /// so −465 is reached at r = 0.5; the flat-30 variant's `set` does not matter (r is varied).
    @Test func solvePinsTheFieldsOfSolveJSON() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            command: solve
            variant: flat-30
            vary: rebate.bands.0.rate
            between: [0, 1]
            target: reform_effect=-465
            table: solve
            expect:
              - key: {}
                values: {x: 0.5, found: true, metric: reform_effect, target: -465, variant: flat-30, between: 2}
                absoluteTolerance: 0.00001
            """)
        expectAllPassed(checks, count: 6)
        let missing = try fixture.checks("""
            scenario: ../s.yaml
            command: solve
            vary: rebate.bands.0.rate
            between: [0, 1]
            target: reform_effect=-465
            expect:
              - {table: solve, key: {}, column: x_value, value: 0.5}
              - {table: solv, key: {}, column: x, value: 0.5}
            """)
        #expect(missing.map(\.problem) == [
            "'x_value' is not a column of solve.json",
            "this run writes no table 'solv' (did you mean 'solve'?); its tables are solve",
        ])
    }

    @Test func fileLevelVariantAndTableAreDefaults() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            variant: flat-30
            table: units
            expect:
              - {key: {unit: a, year: 2027}, column: rebate, value: 63}
              - {key: {variant: reform, unit: a, year: 2027}, column: rebate, value: 105}
            """)
        expectAllPassed(checks, count: 2)
    }

    @Test func failureNamesFileLineKeyExpectedActualAndDifference() throws {
        let checks = try fixture.checks("""
            # comment
            scenario: ../s.yaml
            expect:
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100}
              - {table: units, key: {unit: a, year: 2026}, column: rebate, value: 49.99}
            """)
        let failure = try #require(onlyFailure(checks))
        let path = fixture.folder.path("tests/t.yaml")
        #expect(failure.failureLine == "\(path):5: units {unit: a, year: 2026} column rebate: expected 49.99, actual 50.00, difference +0.01")
    }

    @Test func differenceUsesTheDecimalsWritten() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            expect:
              - {table: districts, key: {district: d, year: 2026}, column: rebates, value: 160}
            """)
        let failure = try #require(onlyFailure(checks))
        #expect(failure.problem == "expected 160, actual 150.00, difference -10.00")
    }

    @Test(arguments: [
        ("absoluteTolerance: 0.01", true), ("absoluteTolerance: 0.009", false),
        ("relativeTolerance: 0.0002", true), ("relativeTolerance: 0.0001", false),
    ])
    func toleranceDecides(_ tolerance: String, _ passes: Bool) throws {
        // |50.00 − 49.99| = 0.01; relative: 0.0002 × 50 = 0.01 allowed, 0.0001 × 50 = 0.005 not.
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            expect:
              - {table: units, key: {unit: a, year: 2026}, column: rebate, value: 49.99, \(tolerance)}
            """)
        #expect(checks.count == 1 && checks[0].passed == passes, "\(checks.map(\.failureLine))")
        if !passes { #expect(checks[0].problem?.contains("(tolerance ±") == true) }
    }

    @Test func caseToleranceIsTheDefaultOfItsExpectations() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            absoluteTolerance: 0.5
            expect:
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100.4}
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100.4, absoluteTolerance: 0}
            """)
        #expect(checks.map(\.passed) == [true, false])
    }

    @Test func toleranceRuleIsSwiftNumericsRule() {
        let tolerance = PinTolerance(absolute: 0.5, relative: 0.01)
        #expect(tolerance.accepts(100.9, expected: 100))  // 0.9 ≤ 0.01 × 100.9
        #expect(!tolerance.accepts(101.1, expected: 100))  // 1.1 > 1.011
        #expect(tolerance.accepts(0.5, expected: 0))  // absolute floor near zero
        #expect(!PinTolerance.exact.accepts(1100.0000001, expected: 1100))
    }

    @Test func emptyCellMatchesOnlyNull() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            expect:
              - {table: units, key: {variant: counterfactual, unit: a, year: 2026}, column: reference, value: ~}
              - {table: units, key: {variant: counterfactual, unit: a, year: 2026}, column: reference, value: ""}
              - {table: units, key: {variant: counterfactual, unit: a, year: 2026}, column: reference, value: 0}
              - {table: units, key: {unit: a, year: 2026}, column: reference, value: null}
            """)
        #expect(checks.map(\.passed) == [true, true, false, false])
        #expect(checks[2].problem == "expected 0, actual empty")
        #expect(checks[3].problem == "expected empty, actual 1000.00")
    }

    @Test func lookupProblemsAreFailuresWithHints() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            expect:
              - {table: units, key: {unit: aa, year: 2026}, column: tax, value: 1}
              - {table: units, key: {unit: a}, column: tax, value: 1}
              - {table: units, key: {unit: a, year: 2026}, column: taxx, value: 1}
              - {table: unit, key: {unit: a, year: 2026}, column: tax, value: 1}
              - {table: units, key: {unitt: a, year: 2026}, column: tax, value: 1}
            """)
        #expect(checks.allSatisfy { !$0.passed })
        let problems = checks.map { $0.problem ?? "" }
        #expect(problems[0].hasPrefix("no row of units.csv has unit 'aa' (did you mean 'a'?); it has a, b"))
        #expect(problems[1] == "2 rows of units.csv match; add year to the key to pick one")
        #expect(problems[2] == "'taxx' is not a column of units.csv (did you mean 'tax'?)")
        #expect(problems[3].hasPrefix("this run writes no table 'unit' (did you mean 'units'?)"))
        #expect(problems[4].hasPrefix("key column 'unitt' is not a column of units.csv (did you mean 'unit'?)"))
        #expect(checks.allSatisfy { !$0.isUpdatable })
    }

    @Test func inlineSetOverridesTheScenarioAndItsVariantsApplyOnTop() throws {
        // Growth 20 %: a's 2026 tax 1200.00, increment 200.00, rebate 100.00 (reform), 60.00 (flat-30).
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            set: {growth.tax: 0.2}
            expect:
              - {table: units, key: {unit: a, year: 2026}, values: {tax: 1200, rebate: 100}}
              - {table: units, key: {variant: flat-30, unit: a, year: 2026}, column: rebate, value: 60}
            cases:
              - name: and a later case's set adds to it
                set: {rebate.bands: [{rate: 0.25}]}
                expect:
                  - {table: units, key: {unit: a, year: 2026}, values: {tax: 1200, rebate: 50}}
            """)
        expectAllPassed(checks, count: 5)
    }

    @Test func expectErrorPassesOnlyForAMatchingRejection() throws {
        let checks = try fixture.checks("""
            scenario: ../s.yaml
            cases:
              - name: matching
                set: {rebate.bands: [{rate: 1.5}]}
                expectError: "must be between 0 and 1"
              - name: other message
                set: {rebate.bands: [{rate: 1.5}]}
                expectError: "no such text"
              - name: valid scenario
                expectError: "must be between 0 and 1"
            """)
        #expect(checks.map(\.passed) == [true, false, false])
        let path = fixture.folder.path("tests/t.yaml")
        // The rejection names the line and column of the overridden value in the test file.
        #expect(checks[1].problem?.contains("\(path):7:33: error: set: rebate.bands[0].rate must be between 0 and 1") == true)
        #expect(checks[2].failureLine.hasPrefix("\(path):10: [valid scenario] expectError \"must be between 0 and 1\": expected the scenario ../s.yaml to be rejected"))
    }

    @Test func aScenarioThatCannotRunFailsEachExpectation() throws {
        let checks = try fixture.checks("""
            scenario: ../missing.yaml
            expect:
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100}
              - {table: units, key: {unit: b, year: 2026}, column: tax, value: 2200}
            """)
        #expect(checks.count == 2 && checks.allSatisfy { !$0.passed })
        #expect(checks[0].problem?.contains("cannot read the scenario file: no such file") == true)
    }

    @Test func unknownKeysInTheTestFileAreErrorsWithLocation() throws {
        let errors = try fixture.readErrors("""
            scenario: ../s.yaml
            expect:
              - {table: units, key: {unit: a, year: 2026}, colum: tax, value: 1100}
            expct: []
            """)
        let messages = errors.map(\.description)
        let path = fixture.folder.path("tests/t.yaml")
        #expect(messages.contains { $0.hasPrefix("\(path):3:48: error: unknown key 'colum'") && $0.contains("did you mean 'column'?") })
        #expect(messages.contains { $0.hasPrefix("\(path):4:1: error: unknown key 'expct'") && $0.contains("did you mean 'expect'?") })
    }

    @Test(arguments: [
        ("expect:\n  - {table: units, key: {unit: a}, column: tax, value: 1}\n", "missing required key 'scenario'"),
        ("scenario: ../s.yaml\n", "the test file expects nothing"),
        ("scenario: ../s.yaml\nexpect:\n  - {table: units, key: {unit: a}, column: tax}\n", "missing required key 'value'"),
        ("scenario: ../s.yaml\nexpect:\n  - {table: units.csv, key: {unit: a}, column: tax, value: 1}\n", "without folder or extension"),
        ("scenario: ../s.yaml\nexpect:\n  - {table: units, key: {unit: a}, column: tax, value: 1, absoluteTolerance: -1}\n", "must be ≥ 0"),
        ("scenario: ../s.yaml\nexpect: []\nexpectError: x\n", "not both"),
        ("scenario: ../s.yaml\nset: [a]\nexpect: []\n", "set: expected a mapping"),
    ])
    func invalidTestFilesAreRejected(_ text: String, _ message: String) throws {
        let errors = try fixture.readErrors(text)
        #expect(errors.contains { $0.message.contains(message) && $0.line != nil }, "\(errors)")
    }

    @Test func foldersAreSearchedRecursivelyInOrder() throws {
        try fixture.write("scenario: ../s.yaml\nexpect: []\n", name: "tests/b.yaml")
        try fixture.write("scenario: ../../s.yaml\nexpect: []\n", name: "tests/sub/a.yml")
        try fixture.write("not a test", name: "tests/notes.txt")
        let found = PinSuite.testFiles(in: [fixture.folder.path("tests"), fixture.folder.path("nowhere")])
        #expect(found.files == [fixture.folder.path("tests/b.yaml"), fixture.folder.path("tests/sub/a.yml")])
        #expect(found.diagnostics.count == 1 && found.diagnostics[0].file == fixture.folder.path("nowhere"))
    }
}
