import Foundation
import ScenarioIO
import Testing

@Suite("fiscal-sim test --update")
struct PinUpdateTests {
    let fixture: PinFixture

    init() throws { fixture = try PinFixture() }

    /// Runs `path` and applies `--update`, returning the changes.
    func update(_ path: String) throws -> [PinSuite.Change] {
        let file = try PinSuite.read(path)
        var runner = PinRunner()
        return try PinSuite.update(file, checks: runner.run(file))
    }

    /// Runs `path` and returns its failures.
    func failures(_ path: String) throws -> [PinCheck] {
        var runner = PinRunner()
        return runner.run(try PinSuite.read(path)).filter { !$0.passed }
    }

    @Test func rewritesOnlyTheMovedNumbersKeepingCommentsAndOrder() throws {
        let path = try fixture.write("""
            # 已核定 approved 2026-01-05
            scenario: ../s.yaml   # the tiny scenario

            expect:
              # unit a, first year
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100}    # right already
              - {table: units, key: {unit: a, year: 2026}, column: rebate, value: 49.5}  # moved
              - table: units
                key: {unit: a, year: 2027}
                values: {increment: 0, rebate: 1e2, reference: null}   # three moved, one text form
              - table: districts
                key: {district: d, year: 2026}
                column: rebates
                value:   140 # block style, odd spacing
              - {table: units, key: {unit: a, year: 2026}, column: adopted, value: "false"}
            """)
        let changes = try update(path)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after == """
            # 已核定 approved 2026-01-05
            scenario: ../s.yaml   # the tiny scenario

            expect:
              # unit a, first year
              - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100}    # right already
              - {table: units, key: {unit: a, year: 2026}, column: rebate, value: 50.00}  # moved
              - table: units
                key: {unit: a, year: 2027}
                values: {increment: 210.00, rebate: 105.00, reference: 1000.00}   # three moved, one text form
              - table: districts
                key: {district: d, year: 2026}
                column: rebates
                value:   150.00 # block style, odd spacing
              - {table: units, key: {unit: a, year: 2026}, column: adopted, value: true}
            """)
        #expect(changes.map(\.description) == [
            "\(path):7: units {unit: a, year: 2026} column rebate: 49.5 → 50.00",
            "\(path):10: units {unit: a, year: 2027} column increment: 0 → 210.00",
            "\(path):10: units {unit: a, year: 2027} column rebate: 1e2 → 105.00",
            "\(path):10: units {unit: a, year: 2027} column reference: null → 1000.00",
            "\(path):14: districts {district: d, year: 2026} column rebates: 140 → 150.00",
            "\(path):15: units {unit: a, year: 2026} column adopted: \"false\" → true",
        ])
        #expect(try failures(path).isEmpty)
        // Idempotent: a second update changes nothing.
        #expect(try update(path).isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == after)
    }

    @Test func emptyCellsArePinnedAsNullAndLookupFailuresAreLeftAlone() throws {
        let path = try fixture.write("""
            scenario: ../s.yaml
            expect:
              - {table: units, key: {variant: counterfactual, unit: b, year: 2027}, column: reference, value: 5}
              - {table: units, key: {unit: zz, year: 2027}, column: tax, value: 5}
            """)
        let changes = try update(path)
        #expect(changes.map { "\($0.old) → \($0.new)" } == ["5 → null"])
        let remaining = try failures(path)
        #expect(remaining.count == 1 && remaining[0].line == 4)
    }

    @Test func anEmptyValueIsFilledIn() throws {
        let path = try fixture.write("""
            scenario: ../s.yaml
            expect:
              - table: units
                key: {unit: a, year: 2026}
                column: tax
                value:
              - {table: units, key: {unit: b, year: 2026}, column: tax, value: }
            """)
        _ = try update(path)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.contains("    value: 1100.00\n") && after.contains("column: tax, value: 2200.00}"), "\(after)")
        #expect(try failures(path).isEmpty)
    }

    @Test func aByteOrderMarkAndCRLFLineEndsSurvive() throws {
        let text = "\u{FEFF}scenario: ../s.yaml\r\nexpect:\r\n  - {table: units, key: {unit: b, year: 2026}, column: tax, value: 1}\r\n"
        let path = try fixture.folder.write("tests/t.yaml", data: Data(text.utf8))
        _ = try update(path)
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(after == Data(text.replacingOccurrences(of: "value: 1}", with: "value: 2200.00}").utf8))
    }
}
