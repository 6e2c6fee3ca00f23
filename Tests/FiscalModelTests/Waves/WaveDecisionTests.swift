import FiscalModel
import Testing

/// Decision years worked out by hand for small scenarios (model.md §20's decision order).
@Suite("Wave decisions by hand")
struct WaveDecisionTests {
    /// Lag 2, window 2: the pilots' tax growth (6 %) passes a threshold of 7 % until 2027 and
    /// 5 % from 2028, so evidence years pass from 2028 on; a decision in t reads t−3 … t−2,
    /// both ≥ 2028 first in t = 2031.
    @Test func lagTwoWindowTwoWaitsForTwoPassingEvidenceYears() {
        let threshold = WaveFixture.condition(.taxGrowth, steps: [2026: 0.07, 2028: 0.05])
        let scenario = WaveFixture.scenario(waves: [WaveFixture.wave("expand", when: threshold, lag: 2, window: 2)])
        let reform = Fixture.reform(scenario)
        #expect(reform.waves[0].adoptedIndex.map(scenario.horizon.year(at:)) == 2031)
        #expect(reform.waves[0].reason == .when(first: 2, last: 3))
        let a = reform.units[1]
        #expect(a.map(\.adopted) == [false, false, false, false, false, true, true])
        // The evidence: 6 % in every year, the pilot adopted from 2026.
        for e in 0..<7 { expectAmount(reform.waves[0].whenMetric[e], 0.06, tolerance: 1e-12, "tax growth \(e)") }
    }

    /// The deterministic form of the lag-2 window-2 case without a step: b + lag + window = 2029.
    @Test func alwaysHoldingConditionAdoptsAtBasePlusLagPlusWindow() {
        let scenario = WaveFixture.scenario(waves: [WaveFixture.wave("expand", lag: 2, window: 2)])
        #expect(WaveFixture.years(scenario) == [2029])
    }

    /// A rolling rebate of 50 % on the pilot (tax 1000 growing 10 %): rebates 50 in 2026 and 55
    /// in 2027, so the district's cumulative reform effect is −50, then −105. `stopWhen: below
    /// −100` first holds on evidence year 2027 and abandons the wave in 2028.
    @Test func cumulativeReformEffectAbandonsTheWave() {
        let stop = WaveFixture.condition(.reformEffect, below: -100)
        let scenario = WaveFixture.scenario(
            growth: 0.1, waves: [WaveFixture.wave("expand", when: WaveFixture.never, stopWhen: stop)]
        ) { policy in
            policy.rebate = Fixture.rebate(rate: 0.5, reference: .rolling)
        }
        let wave = WaveFixture.decided(scenario)[0]
        #expect(wave.abandonedIndex == 2)
        #expect(wave.adoptedIndex == nil)
        #expect(wave.reason == .stopWhen(first: 1, last: 1))
        expectAmount(wave.stopMetric[0], -50, "reform effect 2026")
        expectAmount(wave.stopMetric[1], -105, "reform effect 2027")
        // Members never adopt: their rows stay unadopted through the end.
        #expect(Fixture.reform(scenario).units[1].allSatisfy { !$0.adopted })
    }

    /// stopWhen is not examined before `earliest`: it holds from 2027 but the wave is only
    /// examined from 2029.
    @Test func nothingIsDecidedBeforeEarliest() {
        let stop = WaveFixture.condition(.taxGrowth, below: 1)
        let scenario = WaveFixture.scenario(waves: [WaveFixture.wave("expand", earliest: 2029, stopWhen: stop)])
        #expect(WaveFixture.decided(scenario)[0].abandonedIndex == 3)
    }

    /// `after` with a deadline: `first` never passes and adopts on its deadline 2030; `second`
    /// passes every year and has deadline 2028, but waits for `first`: released in 2031.
    @Test func afterIsNotOverriddenByADeadline() {
        let scenario = WaveFixture.scenario(waves: [
            WaveFixture.wave("first", members: ["a"], when: WaveFixture.never, deadline: 2030),
            WaveFixture.wave("second", members: ["b"], deadline: 2028, after: "first"),
        ])
        let waves = WaveFixture.decided(scenario)
        #expect(WaveFixture.years(scenario) == [2030, 2031])
        #expect(waves[0].reason == .deadline)
        #expect(waves[1].reason == .when(first: 4, last: 4))
    }

    /// A wave following an abandoned wave is abandoned in the same year.
    @Test func followingAnAbandonedWaveAbandons() {
        let stop = WaveFixture.condition(.taxGrowth, below: 1)
        let scenario = WaveFixture.scenario(waves: [
            WaveFixture.wave("first", members: ["a"], earliest: 2028, stopWhen: stop),
            WaveFixture.wave("second", members: ["b"], after: "first"),
        ])
        let waves = WaveFixture.decided(scenario)
        #expect(waves.map(\.abandonedIndex) == [2, 2])
        #expect(waves[1].reason == .afterAbandoned("first"))
    }

    /// Pilot effort: p = 1 % adds to the pilot's growth while the wave watches (2026, 2027),
    /// not once it adopts in 2028 (lag 1, window 2).
    @Test func pilotEffortLastsWhileThePilotIsJudged() {
        let scenario = WaveFixture.scenario(waves: [WaveFixture.wave("expand", window: 2)], pilotEffort: 0.01)
        let reform = Fixture.reform(scenario)
        #expect(WaveFixture.years(scenario) == [2028])
        let tax = reform.units[0].map(\.tax)
        expectAmount(tax[0], 1070, "2026")
        expectAmount(tax[1], 1070 * 1.07, "2027")
        expectAmount(tax[2], 1070 * 1.07 * 1.06, "2028")
        // The counterfactual never sees it.
        let counterfactual = Simulation(scenario).runDeterministic().variants[0]
        expectAmount(counterfactual.units[0][0].tax, 1060, "counterfactual 2026")
    }

    /// self_sufficiency by hand: the pilot's resources are its allocation 100 against a need of
    /// 1 × 80, so 1.25 every year; `above: 1.3` never holds, `above: 1.25` always does.
    @Test func selfSufficiencyOfThePilots() {
        func year(_ threshold: Double) -> Int? {
            let scenario = WaveFixture.scenario(
                waves: [WaveFixture.wave("expand", when: WaveFixture.condition(.selfSufficiency, above: threshold))]
            ) { policy in
                policy.needs = [NeedItem(id: "staff", indicator: "staff", unitCost: StepFunction(80), growth: .zero)]
            }
            let wave = WaveFixture.decided(scenario)[0]
            expectAmount(wave.whenMetric[0], 1.25, "self-sufficiency")
            return wave.adoptedIndex
        }
        #expect(year(1.3) == nil)
        #expect(year(1.25) == 1)
    }
}
