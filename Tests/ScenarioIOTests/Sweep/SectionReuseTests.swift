import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// Points that leave line fees, donations or needs as the template has them take those sections
/// as decoded once (`PolicyDecoder.SectionCache`): each point must be the very scenario, or the
/// very diagnostics, that decoding every section of its tree gives.
@Suite("Sweep: sections decoded once are the sections decoded per point")
struct SectionReuseTests {
    /// Entries a point may carry: values of sections that are reused and of sections that are
    /// not, good and bad.
    static let choices: [(path: String, values: [String])] = [
        ("rebate.bands.0.rate", ["0.1", "0.35", "1.5", "abc"]),
        ("rollout.default", ["2026", "2028", "never", "20x6"]),
        ("growth.tax", ["0.02", "0.07"]),
        ("lineFees.greening.transferShare", ["0.4", "0.9", "-1", "x"]),
        ("lineFees.greening.taskCost.unitCost", ["5", "50"]),
        ("donations.reserveShare", ["0", "0.2", "2"]),
        ("donations.minimumPerUnit", ["0", "10", "-5"]),
        ("needs.staff.unitCost", ["8", "12.5", "much"]),
    ]

    /// Both templates' answers for `entries`, compared; names the seed and the entries.
    static func expectSame(
        _ reused: ScenarioTemplate, _ fresh: ScenarioTemplate, _ entries: [ScenarioTemplate.Entry], seed: UInt64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let described = entries.map { "\($0.path)=\($0.value)" }.joined(separator: " ")
        switch (reused.scenario(with: entries), fresh.scenario(with: entries)) {
        case let (.success(a), .success(b)):
            #expect(a == b, "seed \(seed): \(described)", sourceLocation: sourceLocation)
        case let (.failure(a), .failure(b)):
            #expect(a.diagnostics == b.diagnostics, "seed \(seed): \(described)", sourceLocation: sourceLocation)
        case let (a, b):
            Issue.record("seed \(seed): \(described): \(a) against \(b)", sourceLocation: sourceLocation)
        }
    }

    /// Seeded points of generated scenarios and of the shipped Siming scenario, in an order that
    /// fills the cache from the first point leaving a section alone and reads it afterwards.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func pointsAreTheScenariosOfTheirTrees(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        let paths = [try LeanSweepRowsTests.generated(seed: seed, in: folder), SweepRun.siming]
        var random = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        for path in paths {
            let reused = try ScenarioTemplate(path: path, variant: nil, files: .disk, settings: .none, reusingSections: true)
            let fresh = try ScenarioTemplate(path: path, variant: nil, files: .disk, settings: .none, reusingSections: false)
            for _ in 0..<40 {
                let entries = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    let choice = Self.choices.randomElement(using: &random)!
                    return ScenarioTemplate.Entry(path: choice.path, value: choice.values.randomElement(using: &random)!)
                }
                Self.expectSame(reused, fresh, entries, seed: seed)
            }
        }
    }

    /// A point with the template's values only (an entry that changes nothing) reads all three
    /// sections from the cache once they are filled: still the scenario as the template has it.
    @Test func aPointOfTheTemplateItselfIsTheTemplatesScenario() throws {
        let reused = try ScenarioTemplate(path: SweepRun.siming, variant: nil, files: .disk, settings: .none, reusingSections: true)
        let entries = [ScenarioTemplate.Entry(path: "growth.tax", value: "0.06")]
        let first = try reused.scenario(with: entries).get()
        let again = try reused.scenario(with: entries).get()
        #expect(first == again)
        // The template drops the variants list; the policy is the scenario's as written.
        #expect(first.reform == reused.loaded.scenario.reform && first.variants.isEmpty)
    }
}
