import FiscalModel

/// Builds the `explain` derivation of one unit-year from a run's own results and compiled
/// policy (no second model): every figure that is an output cell is rounded exactly as the
/// CSV writer rounds it, pooled amounts included.
public struct UnitYearExplainer {
    /// Why a unit-year cannot be explained.
    public struct Failure: Error, CustomStringConvertible {
        /// What is wrong and what is allowed.
        public var description: String
    }

    /// The scenario.
    public let scenario: Scenario
    /// Its deterministic run.
    public let result: RunResult

    /// Per variant: its policy, compiled policy and rounded pools, prepared once.
    private let prepared: [String: (policy: Policy, compiled: CompiledPolicy, pools: RoundedPools)]

    /// Creates an explainer for `result`, a deterministic run of `scenario`.
    public init(scenario: Scenario, result: RunResult) {
        self.scenario = scenario
        self.result = result
        let simulation = Simulation(scenario)
        let money = scenario.moneyRounding
        var prepared: [String: (Policy, CompiledPolicy, RoundedPools)] = [:]
        for variant in result.variants {
            guard let policy = simulation.policy(ofVariant: variant.name),
                let compiled = simulation.compiledPolicy(followedBy: variant)
            else { continue }
            prepared[variant.name] = (policy, compiled, RoundedPools(variant, scenario: scenario, rounding: money))
        }
        self.prepared = prepared
    }

    private var money: MoneyRounding { scenario.moneyRounding }
    private var ratio: MoneyRounding { scenario.ratioRounding }

    /// The derivation of unit `unitID` in `year` under `variant` (`reform` by default;
    /// `counterfactual` and every listed variant are allowed), its words in `language`
    /// (`--lang`; the numbers are the same in both).
    public func explain(
        unit unitID: String, year: Int, variant name: String = Variant.reformName, language: WorkbookLanguage = .english
    ) throws(Failure) -> Explanation {
        let ids = scenario.units.map(\.id)
        guard let i = ids.firstIndex(of: unitID) else {
            throw Failure(description: "--unit: '\(unitID)' is not a unit of the scenario\(Suggestion.hint(for: unitID, in: ids)); units: \(ids.prefix(12).joined(separator: ", "))\(ids.count > 12 ? ", …" : "")")
        }
        let horizon = scenario.horizon
        guard horizon.years.contains(year) else {
            throw Failure(description: "--year: \(year) is not a projected year; the scenario projects \(horizon.firstYear)–\(horizon.endYear)")
        }
        guard let variant = result.variant(name), let (policy, compiled, pools) = prepared[name] else {
            let names = result.variants.map(\.name)
            throw Failure(description: "--variant: '\(name)' is not a variant\(Suggestion.hint(for: name, in: names)); variants: \(names.joined(separator: ", "))")
        }
        let y = horizon.index(of: year)
        let context = ExplainContext(
            scenario: scenario, variant: variant, policy: policy, compiled: compiled, unit: i, yearIndex: y,
            trace: YearEngine(compiled).trace(unit: i, yearIndex: y), pools: pools, money: money, ratio: ratio,
            language: language)
        return context.explanation()
    }
}
