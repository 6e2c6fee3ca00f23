import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// model.md §14's input rules for `rebate.rule: linked`: the other rule's keys are errors that name
/// the key, `linked` needs both its keys, and variants may switch the rule.
@Suite("Validation: the linked rebate rule")
struct LinkedRuleValidationTests {
    let validation: ValidationTests
    init() throws { validation = try ValidationTests() }

    static let linked = "rebate:\n  rule: linked\n  linked: {baseShare: 0.3, coefficient: 0.3}\n"

    @Test func incrementKeysUnderTheLinkedRuleAreNamed() throws {
        let body = Self.linked + "  bands: [{rate: 0.3}]\n  reference: rolling\n  rebaseEveryYears: 3\n  referenceGrowth: 0.02\n"
        let (text, path, diagnostics) = try validation.errors(body)
        for key in ["bands", "reference", "rebaseEveryYears", "referenceGrowth"] {
            let at = locate("\(key):", in: text, after: "coefficient")
            expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate.\(key) belongs to rule: increment, not to rule: linked", "remove it, or set rebate.rule: increment")
        }
    }

    @Test func linkedKeysUnderTheIncrementRuleAreNamed() throws {
        for rule in ["", "  rule: increment\n"] {
            let body = "rebate:\n" + rule + "  bands: [{rate: 0.3}]\n  linked: {baseShare: 0.3, coefficient: 0.3}\n"
            let (text, path, diagnostics) = try validation.errors(body)
            let at = locate("linked:", in: text)
            expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate.linked belongs to rule: linked, not to rule: increment")
        }
    }

    @Test func missingLinkedKeysAreErrors() throws {
        var (text, path, diagnostics) = try validation.errors("rebate: {rule: linked}\n")
        var at = locate("{rule", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate: missing required key 'linked'")
        (text, path, diagnostics) = try validation.errors("rebate: {rule: linked, linked: {baseShare: 0.3}}\n")
        at = locate("{baseShare", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate.linked: missing required key 'coefficient'")
        (text, path, diagnostics) = try validation.errors("rebate: {rule: linked, linked: {coefficient: 0.3, baseShar: 0.3}}\n")
        at = locate("baseShar:", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "unknown key 'baseShar' in rebate.linked", "did you mean 'baseShare'?")
        at = locate("{coefficient", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate.linked: missing required key 'baseShare'")
    }

    @Test func rangesAndRuleNames() throws {
        let (text, path, diagnostics) = try validation.errors("rebate: {rule: linkd, linked: {baseShare: 1.5, coefficient: {2026: -0.1}}}\n")
        var at = locate("linkd", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate.rule: 'linkd' is not a rebate rule", "did you mean 'linked'?")
        // A misspelt rule stops the rule's own checks: no "belongs to" errors against a guess.
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let (text2, path2, diagnostics2) = try validation.errors("rebate: {rule: linked, linked: {baseShare: 1.5, coefficient: {2026: -0.1}}}\n")
        at = locate("1.5", in: text2)
        expectDiagnostic(diagnostics2, file: path2, line: at.line, column: at.column, "rebate.linked.baseShare must be between 0 and 1")
        at = locate("-0.1", in: text2)
        expectDiagnostic(diagnostics2, file: path2, line: at.line, column: at.column, "rebate.linked.coefficient", "must be ≥ 0")
    }

    @Test func variantsSwitchTheRuleAndAreValidatedAsUsual() throws {
        let body = "rebate: {bands: [{rate: 0.3}]}\nvariants:\n"
            + "  - {name: linked, set: {rebate: {rule: linked, linked: {baseShare: 0.3, coefficient: 0.3}, eligibility: {excludeTags: []}}}}\n"
        let (_, path) = try validation.write(body)
        let loaded = try #require(loadScenario(path))
        guard case .linked(let rule)? = loaded.scenario.variants.first?.policy.rebate?.rule else {
            Issue.record("the variant should follow the linked rule")
            return
        }
        #expect(rule == LinkedRebate(baseShare: StepFunction(0.3), coefficient: StepFunction(0.3)))
        #expect(loaded.scenario.reform.rebate?.rule.name == .increment)

        let bad = "rebate: {bands: [{rate: 0.3}]}\nvariants:\n  - {name: half, set: {rebate.rule: linked}}\n"
        let (text, badPath, diagnostics) = try validation.errors(bad)
        let bands = locate("bands", in: text)
        expectDiagnostic(diagnostics, file: badPath, line: bands.line, column: bands.column, "variant 'half': rebate.bands belongs to rule: increment")
        #expect(diagnostics.contains { $0.message.contains("variant 'half': rebate: missing required key 'linked'") }, "\(diagnostics)")
    }

    @Test func theCommandLineExitsTwoNamingTheKey() throws {
        let (_, path) = try validation.write(Self.linked + "  bands: [{rate: 0.3}]\n")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let (status, stderr) = try ToolBinary.run(["validate", "s.yaml"], in: folder)
        #expect(status == 2, "exit \(status)")
        #expect(stderr.contains("s.yaml:8:3: error: rebate.bands belongs to rule: increment"), "\(stderr)")
    }
}
