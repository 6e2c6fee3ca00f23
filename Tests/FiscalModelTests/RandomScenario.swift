import FiscalModel

/// Random but valid scenarios for property tests, reproducible from a seed.
struct RandomScenario {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed, offset: SplitMix64.gamma) }

    mutating func double(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func chance(_ p: Double) -> Bool { double(0...1) < p }

    /// A scalar or a step function with its first key at or before b+1.
    mutating func step(_ range: ClosedRange<Double>, horizon: Horizon) -> StepFunction {
        guard chance(0.4) else { return StepFunction(double(range)) }
        var steps = [horizon.firstYear - int(0...1): double(range)]
        for _ in 0..<int(1...2) { steps[int(horizon.firstYear...horizon.endYear)] = double(range) }
        return StepFunction(steps: steps)
    }

    mutating func key(_ columns: [String], horizon: Horizon) -> AllocationKey {
        let chosen = columns.filter { _ in chance(0.6) }
        let used = chosen.isEmpty ? [columns[0]] : chosen
        let weights = used.map { _ in double(0.1...1) }
        let total = weights.reduce(0, +)
        return AllocationKey(terms: zip(used, weights).map { .init(column: $0, weight: StepFunction($1 / total)) })
    }

    mutating func eligibility(_ base: Eligibility) -> Eligibility {
        switch int(0...3) {
        case 0: return Eligibility(excludeTags: ["pilot"])
        case 1: return Eligibility(excludeTags: [], includeTags: ["pilot", "village-converted"])
        default: return base
        }
    }

    /// A scenario with every deterministic feature switched on at random.
    mutating func scenario() -> Scenario {
        let horizon = Horizon(baseYear: 2025, endYear: 2025 + int(3...8))
        let districtCount = int(1...3)
        var units: [FiscalUnit] = []
        for d in 0..<districtCount {
            for u in 0..<int(1...5) {
                var tags: [String] = []
                if chance(0.4) { tags.append("pilot") }
                if chance(0.25) { tags.append("village-converted") }
                var unit = FiscalUnit(
                    id: "u\(d)_\(u)", districtIndex: d, tags: tags, tax: double(100...5000), allocation: double(50...800),
                    enterpriseIncome: chance(0.5) ? double(0...300) : 0, collectiveIncome: chance(0.3) ? double(0...200) : 0,
                    taxGrowthOverride: chance(0.15) ? double(-0.05...0.12) : nil,
                    indicators: [
                        "pop": double(1...100), "green": double(1...50), "staff": double(1...30), "fee_a": double(0...100),
                        "fee_b": double(0...100),
                    ])
                if chance(0.1) { unit.plannedTax = [horizon.year(at: int(0...horizon.count - 1)): double(50...6000)] }
                units.append(unit)
            }
        }
        return Scenario(
            name: "random", horizon: horizon, precision: int(0...3), rounding: chance(0.5) ? .halfUp : .halfEven,
            districts: (0..<districtCount).map { District(id: "d\($0)", name: "区\($0)") }, units: units,
            reform: policy(horizon: horizon, districts: districtCount, units: units))
    }

    mutating func policy(horizon: Horizon, districts: Int, units: [FiscalUnit]) -> Policy {
        var policy = Policy(capacities: Array(repeating: .unlimited, count: districts))
        policy.taxGrowth = TaxGrowthPolicy(
            rate: step(-0.05...0.15, horizon: horizon), byTag: chance(0.5) ? ["village-converted": StepFunction(double(0...0.05))] : [:])
        policy.allocationIndexation = step(0...0.05, horizon: horizon)
        policy.collectiveGrowth = step(-0.02...0.05, horizon: horizon)
        policy.incentiveElasticity = chance(0.5) ? step(0...0.2, horizon: horizon) : .zero
        policy.restructuring = RestructuringPolicy(exitRate: step(0...0.4, horizon: horizon), taxYield: step(0...0.5, horizon: horizon))
        var byUnit: [String: AdoptionYear] = [:]
        for unit in units where chance(0.2) {
            byUnit[unit.id] = chance(0.3) ? .never : .year(int(horizon.baseYear - 2...horizon.endYear + 1))
        }
        policy.rollout = RolloutPolicy(
            defaultYear: chance(0.8) ? .year(int(horizon.firstYear...horizon.endYear)) : nil,
            byTag: chance(0.7) ? ["pilot": .year(horizon.firstYear)] : [:], byUnit: byUnit)
        if chance(0.9) {
            let bandCount = int(1...3)
            var bound = 0.0
            let bands: [IncrementSharing.Band] = (0..<bandCount).map { index in
                bound += double(10...400)
                return .init(upTo: index == bandCount - 1 ? nil : StepFunction(bound), rate: step(0...1, horizon: horizon))
            }
            policy.rebate = .increment(
                reference: [.fixed, .rolling, .ratchet][int(0...2)], rebaseEveryYears: chance(0.3) ? int(1...3) : nil,
                referenceGrowth: chance(0.3) ? step(0...0.05, horizon: horizon) : nil, termYears: chance(0.3) ? int(1...4) : nil,
                bands: bands, capPerUnit: chance(0.3) ? step(10...300, horizon: horizon) : nil,
                eligibility: eligibility(.rebateDefault))
        }
        policy.capacities = (0..<districts).map { _ in
            DistrictCapacity(
                maxShareOfRevenue: chance(0.5) ? step(0.001...0.2, horizon: horizon) : nil,
                maxAmount: chance(0.3) ? step(1...500, horizon: horizon) : nil)
        }
        policy.lineFees = ["a", "b"].prefix(int(0...2)).map { id in
            LineFeePolicy(
                id: id, collectedColumn: "fee_\(id)", growth: step(0...0.05, horizon: horizon),
                transferShare: step(0...1, horizon: horizon), allocationKey: key(["green", "pop", "staff"], horizon: horizon),
                taskCost: chance(0.7) ? .init(indicator: "green", unitCost: step(0...5, horizon: horizon), growth: step(0...0.05, horizon: horizon)) : nil,
                eligibility: eligibility(.everyone))
        }
        if chance(0.8) {
            policy.donations = DonationPolicy(
                reserveShare: step(0...0.3, horizon: horizon), minimumPerUnit: chance(0.5) ? step(0...200, horizon: horizon) : nil,
                allocationKey: key(["pop", "staff"], horizon: horizon),
                sources: (0..<int(1...2)).map { s in
                    .init(id: "s\(s)", amounts: (0..<districts).map { _ in double(0...1000) }, growth: step(0...0.06, horizon: horizon))
                },
                eligibility: eligibility(.everyone))
        }
        policy.needs = chance(0.8) ? [NeedItem(id: "staff", indicator: "staff", unitCost: step(1...10, horizon: horizon), growth: step(0...0.05, horizon: horizon))] : []
        return policy
    }

    /// Linked-rule parameters (model.md §14): base share in [0, 1], coefficient in `coefficients`.
    mutating func linked(horizon: Horizon, coefficients: ClosedRange<Double> = 0...1.5) -> LinkedRebate {
        LinkedRebate(baseShare: step(0...1, horizon: horizon), coefficient: step(coefficients, horizon: horizon))
    }

    /// `scenario()` with its rebate (if any) switched to the linked rule, keeping its cap,
    /// term and eligibility.
    mutating func linkedScenario() -> Scenario {
        var scenario = self.scenario()
        guard let rebate = scenario.reform.rebate else { return scenario }
        let rule = linked(horizon: scenario.horizon)
        scenario.reform.rebate = .linked(
            baseShare: rule.baseShare, coefficient: rule.coefficient, termYears: rebate.termYears,
            capPerUnit: rebate.capPerUnit, eligibility: rebate.eligibility)
        return scenario
    }
}
