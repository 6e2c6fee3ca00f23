import FiscalModel

/// Small scenarios with evidence-gated waves (model.md §20): one district, pilot `p` (tag `pilot`,
/// adopted in b+1 = 2026) and members `a`, `b`, `c`; nothing else adopts unless a wave does.
enum WaveFixture {
    static let horizon = Horizon(baseYear: 2025, endYear: 2032)

    /// A condition on `metric`.
    static func condition(
        _ metric: WaveMetric, above: Double? = nil, below: Double? = nil, steps: [Int: Double]? = nil, window: Int? = nil
    ) -> WaveCondition {
        let threshold = steps.map { StepFunction(steps: $0) } ?? StepFunction(above ?? below ?? 0)
        return WaveCondition(metric: metric, direction: below == nil ? .above : .below, threshold: threshold, window: window)
    }

    /// A condition that holds whenever the pilots have adopted (tax growth ≥ −100 %).
    static let always = condition(.taxGrowth, above: -1)
    /// A condition that never holds (tax growth ≥ 1000 %).
    static let never = condition(.taxGrowth, above: 10)

    /// A wave over members `members` watching the pilots.
    static func wave(
        _ id: String, members: [String] = ["a", "b", "c"], when: WaveCondition = always, lag: Int = 1, window: Int = 1,
        earliest: Int? = nil, deadline: Int? = nil, stopWhen: WaveCondition? = nil, after: String? = nil
    ) -> Wave {
        Wave(
            id: id, members: UnitSelector(units: members), evidence: UnitSelector(tags: ["pilot"]), earliest: earliest,
            deadline: deadline, lag: lag, window: window, when: when, stopWhen: stopWhen, after: after)
    }

    /// The scenario: growth `growth`, the given waves and pilot effort, `configure` for the rest.
    static func scenario(
        growth: Double = 0.06, horizon: Horizon = horizon, waves: [Wave], pilotEffort: Double = 0,
        configure: (inout Policy) -> Void = { _ in }
    ) -> Scenario {
        let units = [
            Fixture.unit("p", tax: 1000, tags: ["pilot"], indicators: ["staff": 1]),
            Fixture.unit("a", tax: 2000, indicators: ["staff": 2]),
            Fixture.unit("b", tax: 1500, indicators: ["staff": 1]),
            Fixture.unit("c", tax: 800, indicators: ["staff": 1]),
        ]
        return Fixture.scenario(units: units, horizon: horizon) { policy in
            policy.taxGrowth.rate = StepFunction(growth)
            policy.rollout = RolloutPolicy(defaultYear: .never, byTag: ["pilot": .year(horizon.firstYear)])
            policy.rollout.waves = waves
            policy.rollout.pilotEffort = StepFunction(pilotEffort)
            configure(&policy)
        }
    }

    /// The deterministic run's wave results of `reform`.
    static func decided(_ scenario: Scenario) -> [WaveResult] { Fixture.reform(scenario).waves }

    /// Adoption year of each wave of a deterministic run (`nil`: not adopted).
    static func years(_ scenario: Scenario) -> [Int?] {
        decided(scenario).map { $0.adoptedIndex.map(scenario.horizon.year(at:)) }
    }

    /// The per-path adoption year index of wave `w` of `reform` over `paths` Monte Carlo paths
    /// (`Int.max`: not adopted).
    static func pathYears(_ scenario: Scenario, wave w: Int = 0, paths: Int, seed: UInt64, threads: Int = 1) -> [Int] {
        let result = MonteCarloSimulation(scenario).run(paths: paths, seed: seed, threads: threads)
        return result.waves[1][w].statusByPath.map { $0.adoptedIndex ?? Int.max }
    }

    /// `scenario` with tax-growth volatility `sigma` (paths then differ).
    static func uncertain(_ scenario: Scenario, sigma: Double = 0.05) -> Scenario {
        var s = scenario
        s.reform.taxGrowth.volatility = StepFunction(sigma)
        s.reform.taxGrowth.correlation = .twoLevel(withinDistrict: 0.3, acrossDistricts: 0.1)
        return s
    }
}
