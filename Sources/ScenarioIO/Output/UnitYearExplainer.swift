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
    /// `counterfactual` and every listed variant are allowed).
    public func explain(unit unitID: String, year: Int, variant name: String = Variant.reformName) throws(Failure) -> Explanation {
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
            trace: YearEngine(compiled).trace(unit: i, yearIndex: y), pools: pools, money: money, ratio: ratio)
        return context.explanation()
    }
}

/// Everything one explanation reads, and the section builders.
struct ExplainContext {
    let scenario: Scenario
    let variant: VariantResult
    let policy: Policy
    let compiled: CompiledPolicy
    let unit: Int
    let yearIndex: Int
    /// The engine's facts about this unit-year.
    let trace: UnitYearTrace
    let pools: RoundedPools
    let money: MoneyRounding
    let ratio: MoneyRounding

    var i: Int { unit }
    var y: Int { yearIndex }
    var n: Int { compiled.unitCount }
    var d: Int { compiled.districtOf[i] }
    var row: UnitYear { variant.units[i][y] }
    var districtRow: DistrictYear { variant.districts[d][y] }
    var year: Int { row.year }
    var base: FiscalUnit { scenario.units[i] }
    var zero: ScaledAmount { ScaledAmount(units: 0, precision: scenario.precision) }

    /// T in `year` (the base-year tax for b).
    func tax(in year: Int) -> Double {
        year == scenario.horizon.baseYear ? base.tax : variant.units[i][scenario.horizon.index(of: year)].tax
    }

    /// A parameter, share or index: at most 6 decimals, trailing zeros dropped.
    func number(_ value: Double) -> String {
        var text = ratio.text(value)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A rate as a percentage.
    func percent(_ value: Double) -> String { number((value * 100 * 1e9).rounded() / 1e9) + " %" }

    func explanation() -> Explanation {
        let district = scenario.districts[d]
        let title = "\(base.name) (\(base.id)), district \(district.name) (\(district.id)), year \(year), variant \(variant.name) — money in \(scenario.currency) \(scenario.moneyUnit)"
        var sections = [adoptionSection()] + waveSections() + [taxSection(), rebateSection(), incomeSection()]
        sections += compiled.fees.indices.map(feeSection)
        sections.append(donationSection())
        sections.append(needSection())
        sections.append(balanceSection())
        return Explanation(title: title, sections: sections)
    }

    // MARK: Sections

    private func adoptionSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        if compiled.isCounterfactual {
            lines.append(Explanation.Line("counterfactual: nothing is ever adopted (no rebate, incentive, restructuring, fee transfer, task cost or donation allocation)"))
        } else {
            let rule: String
            switch policy.rollout.rule(for: base) {
            case .byUnit: rule = "rollout.byUnit.\(base.id)"
            case .byTag(let tag): rule = "rollout.byTag.\(tag) (first listed tag of the unit)"
            case .defaultYear: rule = "rollout.default"
            case .firstProjectedYear: rule = "no roll-out entry: the first projected year"
            }
            if let wave = waveOfUnit {
                lines.append(Explanation.Line(compiled.adoptionYear[i].map { "adoption year α = \($0), decided by wave '\(wave)' (rollout.waves.\(wave), below)" }
                    ?? "not adopted: wave '\(wave)' did not adopt (rollout.waves.\(wave), below)"))
            } else if let alpha = compiled.adoptionYear[i] {
                let early = plannedYear().map { $0 < alpha ? " (planned \($0); a year ≤ base means base+1)" : "" } ?? ""
                lines.append(Explanation.Line("adoption year α = \(alpha), from \(rule)\(early)"))
            } else {
                lines.append(Explanation.Line("never adopts (\(rule))"))
            }
        }
        lines.append(Explanation.Line("adopted in \(year) (t ≥ α)", value: row.adopted ? "true" : "false", cell: .unit("adopted")))
        let tags = base.tags.isEmpty ? "none" : base.tags.joined(separator: ", ")
        lines.append(Explanation.Line("tags: \(tags)"))
        return Explanation.Section(title: "Roll-out 推行", lines: lines)
    }

    /// The roll-out year as written for the unit, if one is written.
    private func plannedYear() -> Int? {
        if case .year(let year)? = policy.rollout.plannedYear(of: base) { return year }
        return nil
    }

    private func taxSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        let previousTax = tax(in: year - 1)
        let previousIncome = y == 0 ? base.enterpriseIncome : variant.units[i][y - 1].enterpriseIncome
        let adopted = row.adopted
        let divested = adopted ? previousIncome * compiled.exitRate[y] : 0
        let planned = compiled.plannedTax[y * n + i]
        if !planned.isNaN {
            lines.append(Explanation.Line("T(\(year)) is listed in the taxSeries file: no growth, incentive, shock or restructuring yield applies", value: money.text(row.tax), cell: .unit("tax")))
        } else {
            lines.append(Explanation.Line("T(\(year - 1)), last year's tax\(y == 0 ? " (base year, units file)" : "")", value: money.text(previousTax)))
            let source: String
            switch trace.growthSource {
            case .unitColumn: source = "the unit's tax_growth column"
            case .tag(let tag): source = "growth.byTag.\(tag)"
            case .rate: source = "growth.tax"
            }
            let mu = compiled.baselineGrowth[y * n + i]
            let written = policy.taxGrowth.baseline(for: base, in: year)
            if mu != written {
                // A pilot judged by a wave (SPEC §20): μ + p(t).
                lines.append(Explanation.Line("baseline growth μ = \(number(written)) (\(source)) + pilot effort \(number(mu - written)) while a wave judges the pilot (rollout.pilotEffort) = \(number(mu))"))
            } else {
                lines.append(Explanation.Line("baseline growth μ = \(number(mu)) (\(source))"))
            }
            var growth = mu
            if let rate = trace.incentiveRate, let alpha = compiled.adoptionYear[i] {
                let epsilon = compiled.elasticity[y]
                growth += epsilon * rate
                let name = ruleExplanation?.incentiveRateName(in: self, alpha: alpha) ?? ""
                lines.append(Explanation.Line("incentive ε × \(name) = \(number(epsilon)) × \(number(rate)) = \(number(epsilon * rate)) (协税护税 effort bought by the rebate)"))
            } else {
                lines.append(Explanation.Line("incentive: none (the rebate does not apply to this unit-year)"))
            }
            lines.append(Explanation.Line("growth g = \(number(growth)); no shock in a deterministic run"))
            if adopted {
                lines.append(Explanation.Line("divested enterprise income V = E(\(year - 1)) \(money.text(previousIncome)) × exit rate \(number(compiled.exitRate[y]))", value: money.text(divested)))
                lines.append(Explanation.Line("tax from divested enterprises κ × V = \(number(compiled.taxYield[y])) × \(money.text(divested))", value: money.text(compiled.taxYield[y] * divested)))
            } else {
                lines.append(Explanation.Line("not adopted: no restructuring (V = 0)"))
            }
            let clamp = 1 + growth < 0 ? " (1 + g < 0 is clamped at 0)" : ""
            lines.append(Explanation.Line("T(\(year)) = T(\(year - 1)) × (1 + g) + κ × V\(clamp)", value: money.text(row.tax), cell: .unit("tax")))
        }
        lines.append(Explanation.Line("enterprise income E(\(year)) = E(\(year - 1)) − V = \(money.text(previousIncome)) − \(money.text(divested))", value: money.text(row.enterpriseIncome), cell: .unit("enterprise_income")))
        return Explanation.Section(title: "Tax 税收", lines: lines)
    }

    private func incomeSection() -> Explanation.Section {
        let allocationIndex = policy.allocationIndexation.growthIndex(over: scenario.horizon)[y]
        let collectiveIndex = policy.collectiveGrowth.growthIndex(over: scenario.horizon)[y]
        return Explanation.Section(
            title: "Allocation and collective income 财政下拨经费、集体经济",
            lines: [
                Explanation.Line("allocation A = A(base) \(money.text(base.allocation)) × Π(1 + indexation) \(number(allocationIndex))", value: money.text(row.allocation), cell: .unit("allocation")),
                Explanation.Line("collective income K = K(base) \(money.text(base.collectiveIncome)) × Π(1 + growth) \(number(collectiveIndex))", value: money.text(row.collectiveIncome), cell: .unit("collective_income")),
            ])
    }

    private func feeSection(_ k: Int) -> Explanation.Section {
        let fee = compiled.fees[k]
        let D = compiled.districtCount
        let collected = fee.collection[y * D + d]
        let share = fee.transferShare[y]
        let s = fee.shares[y * n + i]
        let parts = pools.fees[k][d][y]
        var lines = [
            Explanation.Line("district collection C (\(scenario.districts[d].id))", value: money.text(collected), cell: .district("fees_collected_\(fee.id)")),
            Explanation.Line("transfer share τ = \(number(share)); the unit's allocation-key share s = \(number(s))"),
        ]
        if row.adopted && compiled.feeEligible[k][i] {
            lines.append(Explanation.Line("F = τ × C × s = \(number(share)) × \(money.text(collected)) × \(number(s)) ≈ \(number(share * collected * s)), rounded within the district's pool (largest remainder)", value: parts[pools.slot[i]].text, cell: .unit("fee_\(fee.id)")))
        } else {
            let why = row.adopted ? "not eligible (\(fee.id) eligibility)" : "not adopted"
            lines.append(Explanation.Line("F = 0: \(why); the share stays with the line department", value: parts[pools.slot[i]].text, cell: .unit("fee_\(fee.id)")))
        }
        lines.append(Explanation.Line("retained by the line department in the district", value: parts.last!.text, cell: .district("fees_retained_\(fee.id)")))
        if let task = policy.lineFees[k].taskCost {
            let cost = task.unitCost.value(in: year)
            let index = task.growth.growthIndex(over: scenario.horizon)[y]
            let takesPart = row.adopted && compiled.feeEligible[k][i]
            let text = takesPart
                ? "task cost Q = unit cost \(number(cost)) × \(task.indicator) \(number(base.indicator(task.indicator))) × Π(1 + growth) \(number(index))"
                : "task cost Q = 0: the unit does not take the task on"
            lines.append(Explanation.Line(text, value: money.text(row.taskCosts[k]), cell: .unit("task_cost_\(fee.id)")))
            lines.append(Explanation.Line("coverage F / Q (费随事转; empty when Q = 0)", value: row.coverage(k).map(ratio.text) ?? "", cell: .unit("coverage_\(fee.id)")))
        }
        return Explanation.Section(title: "Line fee '\(fee.id)' 条费转块", lines: lines)
    }

    private func donationSection() -> Explanation.Section {
        let title = "Pooled donations 社会募集资金切块下拨"
        let parts = pools.donations[d][y]
        guard let donations = compiled.donations else {
            return Explanation.Section(
                title: title,
                lines: [
                    Explanation.Line("the scenario has no donations section"),
                    Explanation.Line("donations received", value: parts[pools.slot[i]].text, cell: .unit("donations")),
                ])
        }
        let members = compiled.unitsByDistrict[d]
        let receivers = members.filter { variant.units[$0][y].adopted && compiled.donationEligible[$0] }
        let pooled = districtRow.donationsPooled
        var lines = [
            Explanation.Line("district pool D (sum of the sources)", value: money.text(pooled), cell: .district("donations_pooled")),
            Explanation.Line("reserve ψ × D = \(number(compiled.isCounterfactual ? 0 : donations.reserveShare[y])) × D", value: parts[members.count + 1].text, cell: .district("donations_reserve")),
        ]
        let s = donations.shares[y * n + i]
        if receivers.contains(i) {
            lines.append(Explanation.Line("\(receivers.count) of \(members.count) units receive; the unit's allocation-key share s = \(number(s))"))
            lines.append(Explanation.Line("proportional amount (D − reserve) × s", value: money.text((pooled - districtRow.donationsReserve) * s)))
            if let floor = donations.minimumPerUnit?[y], floor > 0 {
                lines.append(Explanation.Line("floor minimumPerUnit \(money.text(floor)) among receivers (below-floor units get the floor, the rest is re-split by share)"))
            }
            lines.append(Explanation.Line("donations received (the pool is split by largest remainder)", value: parts[pools.slot[i]].text, cell: .unit("donations")))
        } else {
            let why = compiled.isCounterfactual ? "counterfactual: all retained" : (row.adopted ? "not eligible" : "not adopted")
            lines.append(Explanation.Line("receives nothing: \(why); its share s = \(number(s)) stays in the pool"))
            lines.append(Explanation.Line("donations received", value: parts[pools.slot[i]].text, cell: .unit("donations")))
        }
        lines.append(Explanation.Line("retained in the district pool", value: parts[members.count].text, cell: .district("donations_retained")))
        return Explanation.Section(title: title, lines: lines)
    }

    private func needSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        for item in policy.needs {
            let cost = item.unitCost.value(in: year)
            let index = item.growth.growthIndex(over: scenario.horizon)[y]
            let amount = cost * base.indicator(item.indicator) * index
            lines.append(Explanation.Line("need '\(item.id)' = unit cost \(number(cost)) × \(item.indicator) \(number(base.indicator(item.indicator))) × Π(1 + growth) \(number(index))", value: money.text(amount)))
        }
        if policy.needs.isEmpty { lines.append(Explanation.Line("no need items")) }
        if !compiled.fees.isEmpty {
            lines.append(Explanation.Line("task costs of the line fees Σ Q", value: money.text(row.taskCosts.reduce(0, +))))
        }
        lines.append(Explanation.Line("need N", value: money.text(row.need), cell: .unit("need")))
        return Explanation.Section(title: "Need 支出需求", lines: lines)
    }

    private func balanceSection() -> Explanation.Section {
        let feeParts = compiled.fees.indices.map { pools.fees[$0][d][y][pools.slot[i]] }
        let feesTotal = feeParts.reduce(zero, +)
        return Explanation.Section(
            title: "Resources and gap 财力与缺口",
            lines: [
                Explanation.Line("fees received Σ F", value: feesTotal.text, cell: .unit("fees_total")),
                Explanation.Line("resources = A + ρ + Σ F + donations + E + K = \(money.text(row.allocation)) + \(money.text(row.rebate)) + \(feesTotal.text) + \(pools.donations[d][y][pools.slot[i]].text) + \(money.text(row.enterpriseIncome)) + \(money.text(row.collectiveIncome)) (unrounded sum, rounded once)", value: money.text(row.resources), cell: .unit("resources")),
                Explanation.Line("gap = resources − need", value: money.text(row.gap), cell: .unit("gap")),
                Explanation.Line("self-sufficiency = resources / need (empty when need = 0)", value: row.selfSufficiency.map(ratio.text) ?? "", cell: .unit("self_sufficiency")),
            ])
    }
}
