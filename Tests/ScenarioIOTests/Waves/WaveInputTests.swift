import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// model.md §20's input errors: every mistake in `rollout.waves` is reported at its
/// FILE:LINE:COLUMN with what to write instead, in one pass; a valid wave loads and can be set
/// by variants.
@Suite("Waves: input")
struct WaveInputTests {
    /// Units: pilots p, q; members a, b in district d; c in district e.
    static let units = """
        id,district,tags,tax,allocation
        p,d,pilot,1000,100
        q,e,pilot,1000,100
        a,d,,2000,200
        b,d,,1500,150
        c,e,,800,80

        """
    static let header = "name: t\nyears: {base: 2025, end: 2032}\nunits: units.csv\ndistricts: [{id: d}, {id: e}]\n"
    static let pilots = "rollout:\n  default: never\n  byTag: {pilot: 2026}\n  waves:\n"

    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Loads the scenario whose `rollout.waves` entries are `waves` (indented under the list).
    func load(_ waves: String, extra: String = "") throws -> (text: String, path: String, result: Result<LoadedScenario, InputError>) {
        try folder.write("units.csv", Self.units)
        let text = Self.header + Self.pilots + waves + extra
        let path = try folder.write("s.yaml", text)
        do {
            return (text, path, .success(try ScenarioLoader().load(path)))
        } catch {
            return (text, path, .failure(error))
        }
    }

    /// The diagnostics of a scenario that must be rejected.
    func errors(_ waves: String, extra: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> (String, String, [Diagnostic]) {
        let (text, path, result) = try load(waves, extra: extra)
        guard case .failure(let error) = result else {
            Issue.record("the scenario loaded but should have been rejected", sourceLocation: sourceLocation)
            return (text, path, [])
        }
        return (text, path, error.diagnostics)
    }

    static let expand = """
            - id: expand
              members: {units: [a, b]}
              evidence: {tags: [pilot]}
              when: {metric: self_sufficiency, above: 1.1}

        """

    @Test func aValidWaveLoads() throws {
        let (_, _, result) = try load(Self.expand + "  pilotEffort: {2026: 0.01, 2029: 0}\n")
        let scenario = try result.get().scenario
        #expect(scenario.reform.rollout.waves.map(\.id) == ["expand"])
        #expect(scenario.reform.rollout.waves[0].when.threshold == StepFunction(1.1))
        #expect(scenario.reform.rollout.pilotEffort.value(in: 2030) == 0)
    }

    @Test func unitInTwoWavesNamesBothWaves() throws {
        let (text, path, diagnostics) = try errors(Self.expand + """
                - id: more
                  members: {districts: [d]}
                  evidence: {units: [q]}
                  when: {metric: gap_share, below: 0.2}

            """)
        let at = locate("{districts: [d]}", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "unit 'a'", "both waves 'expand' and 'more'")
    }

    @Test func afterMustNameAnEarlierWave() throws {
        let (text, path, diagnostics) = try errors("""
                - id: first
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  after: second
                  when: {metric: tax_growth, above: 0.05}
                - id: second
                  members: {units: [b]}
                  evidence: {tags: [pilot]}
                  after: second
                  when: {metric: tax_growth, above: 0.05}

            """)
        let forward = locate("second", in: text, after: "after: ")
        expectDiagnostic(diagnostics, file: path, line: forward.line, column: forward.column, "'second' is not a wave listed before 'first'")
        let itself = locate("second", in: text, after: "members: {units: [b]}")
        expectDiagnostic(diagnostics, file: path, line: itself.line, column: itself.column, "cannot follow itself")
    }

    @Test func deadlineBeforeEarliest() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  earliest: 2030
                  deadline: 2028
                  when: {metric: tax_growth, above: 0.05}

            """)
        let at = locate("2028", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "deadline 2028 is before earliest 2030")
    }

    @Test func exactlyOneOfAboveAndBelow() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  when: {metric: tax_growth, above: 0.05, below: 0.2}
                  stopWhen: {metric: reform_effect}

            """)
        let both = locate("0.2}", in: text)
        expectDiagnostic(diagnostics, file: path, line: both.line, column: both.column, "either above or below, not both")
        let neither = locate("{metric: reform_effect}", in: text)
        expectDiagnostic(diagnostics, file: path, line: neither.line, column: neither.column, "missing the threshold")
    }

    @Test func unknownMetricSuggestsTheNearest() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  when: {metric: self_sufficency, above: 1.1}

            """)
        let at = locate("self_sufficency", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "did you mean 'self_sufficiency'")
    }

    @Test func unknownUnitAndDistrictIDs() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {units: [a, bb], districts: [dd]}
                  evidence: {tags: [pilot]}
                  when: {metric: tax_growth, above: 0.05}

            """)
        let unit = locate("bb", in: text)
        expectDiagnostic(diagnostics, file: path, line: unit.line, column: unit.column, "'bb' is not a unit")
        let district = locate("dd", in: text)
        expectDiagnostic(diagnostics, file: path, line: district.line, column: district.column, "'dd' is not a declared district", "did you mean 'd'")
    }

    @Test func emptyAndDuplicateWaveIDs() throws {
        let (text, path, diagnostics) = try errors(Self.expand + """
                - id: expand
                  members: {units: [c]}
                  evidence: {tags: [pilot]}
                  when: {metric: tax_growth, above: 0.05}
                - id: ""
                  members: {units: [c]}
                  evidence: {tags: [pilot]}
                  when: {metric: tax_growth, above: 0.05}

            """)
        let duplicate = locate("expand", in: text, after: "above: 1.1}")
        expectDiagnostic(diagnostics, file: path, line: duplicate.line, column: duplicate.column, "duplicate wave id 'expand'")
        let empty = locate("\"\"", in: text)
        expectDiagnostic(diagnostics, file: path, line: empty.line, column: empty.column, "must not be empty")
    }

    @Test func waveWithoutMembersOrEvidenceUnits() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {tags: [pilot]}
                  evidence: {tags: [nobody]}
                  when: {metric: tax_growth, above: 0.05}

            """, extra: "  byUnit: {a: 2030}\n")
        let evidence = locate("{tags: [nobody]}", in: text)
        expectDiagnostic(diagnostics, file: path, line: evidence.line, column: evidence.column, "evidence: no unit matches")
        let (text2, path2, diagnostics2) = try errors("""
                - id: expand
                  members: {units: [a, p]}
                  evidence: {units: [p]}
                  when: {metric: tax_growth, above: 0.05}

            """, extra: "  byUnit: {a: 2030}\n")
        let members = locate("{units: [a, p]}", in: text2)
        expectDiagnostic(diagnostics2, file: path2, line: members.line, column: members.column, "the wave has no members")
    }

    @Test func lagAndWindowAreWholeNumbersFromOne() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  lag: 0
                  window: 1.5
                  when: {metric: tax_growth, above: 0.05, window: 0}

            """)
        let lag = locate("0", in: text, after: "lag: ")
        expectDiagnostic(diagnostics, file: path, line: lag.line, column: lag.column, "lag must be ≥ 1")
        let window = locate("1.5", in: text)
        expectDiagnostic(diagnostics, file: path, line: window.line, column: window.column, "expected a whole number")
        let inner = locate("0}", in: text, after: "above: 0.05, window: ")
        expectDiagnostic(diagnostics, file: path, line: inner.line, column: inner.column, "when.window must be ≥ 1")
    }

    @Test func unknownWaveKeySuggestsTheNearest() throws {
        let (text, path, diagnostics) = try errors("""
                - id: expand
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  dedline: 2030
                  when: {metric: tax_growth, above: 0.05}

            """)
        let at = locate("dedline", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "did you mean 'deadline'")
    }

    /// A variant sets a wave key by id and path (model.md §20), and the decision follows it.
    @Test func variantsSetWaveKeys() throws {
        let (_, _, result) = try load(Self.expand, extra: """
            variants:
              - name: stricter
                set: {rollout.waves.expand.when.above: 1.3, rollout.waves.expand.lag: 2}
              - name: effort
                set: {rollout.pilotEffort: 0.02}

            """)
        let scenario = try result.get().scenario
        let stricter = scenario.variants[0].policy.rollout.waves[0]
        #expect(stricter.when.threshold == StepFunction(1.3))
        #expect(stricter.lag == 2)
        #expect(scenario.variants[1].policy.rollout.pilotEffort == StepFunction(0.02))
    }

    /// A mistake in a variant's wave is reported with the variant's name.
    @Test func variantWaveMistakesNameTheVariant() throws {
        let (_, path, diagnostics) = try errors(Self.expand, extra: """
            variants:
              - name: broken
                set: {rollout.waves.expand.when.metric: gap_shares}

            """)
        #expect(diagnostics.contains { $0.file == path && $0.line != nil && $0.message.contains("variant 'broken'") && $0.message.contains("did you mean 'gap_share'") },
                "\(diagnostics)")
    }

    /// The command line: exit 2, the location on stderr, nothing written.
    @Test func runRejectsABadWaveAndWritesNothing() throws {
        let (_, path, _) = try load("""
                - id: expand
                  members: {units: [a]}
                  evidence: {tags: [pilot]}
                  when: {metric: tax_growth}

            """)
        let out = folder.url.appendingPathComponent("out")
        let (status, stderr) = try ToolBinary.run(["run", path, "--out", out.path], in: folder.url)
        #expect(status == 2)
        #expect(stderr.contains("s.yaml:12:") && stderr.contains("missing the threshold"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
