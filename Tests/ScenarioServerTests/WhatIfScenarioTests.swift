import Foundation
import Testing
import Yams

@testable import ScenarioServer

/// The scenario text with the changes as a variant: added at the end of the `variants` list,
/// comments kept; a hostile path or word cannot leave its line.
@Suite struct WhatIfScenarioTests {
    static let base = """
        name: t
        # comment
        variants:
          - name: a
            set: {rebate.termYears: 3}
          # trailing comment of the list
        needs: []

        """

    @Test func theVariantGoesAtTheEndOfTheList() throws {
        let change = WhatIfScenario.Change(path: "rebate.bands.0.rate", value: .number(0.35))
        let whatIf = WhatIfScenario(original: Self.base, names: ["reform", "a"], startSet: nil, changes: [change])
        #expect(whatIf.text == """
            name: t
            # comment
            variants:
              - name: a
                set: {rebate.termYears: 3}
              - name: what-if
                set:
                  rebate.bands.0.rate: 0.35
              # trailing comment of the list
            needs: []

            """)
        #expect(whatIf.entryLines == [8: "rebate.bands.0.rate"])
    }

    @Test func aScenarioWithoutVariantsGetsTheList() throws {
        let whatIf = WhatIfScenario(original: "name: t\r\nyears: {base: 2025, end: 2030}\r\n", names: ["reform"], startSet: nil,
            changes: [.init(path: "growth.tax", value: .steps([.init(year: 2026, value: 0.05), .init(year: 2028, value: 0.04)]))])
        #expect(whatIf.text == "name: t\r\nyears: {base: 2025, end: 2030}\r\n\r\nvariants:\r\n  - name: what-if\r\n    set:\r\n      growth.tax: {2026: 0.05, 2028: 0.04}\r\n")
        #expect(whatIf.entryLines == [7: "growth.tax"])
    }

    @Test func theStartingSetComesFirstAndAChangeReplacesItsEntry() throws {
        let start = try #require(try Yams.compose(yaml: "{rollout.default: 2026, rebate.bands: [{rate: 0.5}]}"))
        let whatIf = WhatIfScenario(original: Self.base, names: ["reform", "a", "what-if"], startSet: start, changes: [
            .init(path: "rollout.default", value: .word("never")), .init(path: "rebate.bands.0.rate", value: .number(0.45)),
        ])
        #expect(whatIf.variantName == "what-if-2")
        let tree = try #require(try Yams.load(yaml: whatIf.text) as? [String: Any])
        let added = try #require((tree["variants"] as? [[String: Any]])?.last)
        #expect(added["name"] as? String == "what-if-2")
        let set = try #require(added["set"] as? [String: Any])
        #expect(set["rollout.default"] as? String == "never")
        #expect(set["rebate.bands.0.rate"] as? Double == 0.45)
        #expect((set["rebate.bands"] as? [[String: Any]])?.first?["rate"] as? Double == 0.5)
    }

    @Test func hostilePathsAndWordsStayOnTheirLine() throws {
        let hostile = "rebate.bands.0.rate: 1\n  evil: {units: /etc/passwd}\n#"
        let whatIf = WhatIfScenario(original: Self.base, names: ["reform", "a"], startSet: nil, changes: [
            .init(path: hostile, value: .word("x\"\n- name: injected")),
        ])
        let tree = try #require(try Yams.load(yaml: whatIf.text) as? [String: Any])
        let variants = try #require(tree["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        let set = try #require(variants.last?["set"] as? [String: Any])
        #expect(set.keys.sorted() == [hostile])
        #expect(set[hostile] as? String == "x\"\n- name: injected")
    }
}
