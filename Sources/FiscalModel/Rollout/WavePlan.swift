/// The waves of one policy resolved against a scenario's units (model.md §20): member and evidence
/// unit indices, the districts the evidence lies in, and every threshold per projected year.
public struct WavePlan: Sendable, Equatable {
    /// A condition resolved per projected year.
    public struct Condition: Sendable, Equatable {
        /// The condition as written.
        public let condition: WaveCondition
        /// Threshold in force in each projected year (by year index).
        public let threshold: [Double]
        /// Evidence years that must pass.
        public let window: Int

        /// Whether the metric `value` at year index `e` passes (NaN, undefined, never passes).
        @inlinable public func passes(_ value: Double, yearIndex e: Int) -> Bool {
            !value.isNaN && condition.passes(value, threshold: threshold[e])
        }
    }

    /// One wave resolved.
    public struct ResolvedWave: Sendable, Equatable {
        /// The wave as written.
        public let wave: Wave
        /// Member units, file order.
        public let members: [Int]
        /// The evidence group G_w, file order.
        public let evidence: [Int]
        /// Districts holding any unit of G_w, declared order.
        public let evidenceDistricts: [Int]
        /// Units of those districts outside G_w, file order (C_e before the adoption filter).
        public let comparison: [Int]
        /// First year index the wave may adopt (≥ 0).
        public let earliestIndex: Int
        /// Year index from which it adopts regardless (`nil`: never).
        public let deadlineIndex: Int?
        /// Lag between an evidence year and the decision.
        public let lag: Int
        /// The adopting condition.
        public let when: Condition
        /// The abandoning condition.
        public let stopWhen: Condition?
        /// Index of the wave named by `after`.
        public let after: Int?
    }

    /// The waves in listed order.
    public let waves: [ResolvedWave]
    /// Pilot effort p(t) per projected year.
    public let pilotEffort: [Double]
    /// The wave each unit is a member of (`nil`: none).
    public let waveOfUnit: [Int?]
    /// Whether any unit is in some wave's evidence group.
    public let isEvidence: [Bool]

    /// The plan of `rollout` in `scenario`, or `nil` when it has no waves. The scenario must be
    /// validated (selectors name known units and districts, `after` names an earlier wave).
    public init?(_ rollout: RolloutPolicy, in scenario: Scenario) {
        guard !rollout.waves.isEmpty else { return nil }
        let horizon = scenario.horizon
        let memberships = Self.memberships(of: rollout, in: scenario)
        var waveOfUnit = [Int?](repeating: nil, count: scenario.units.count)
        var isEvidence = [Bool](repeating: false, count: scenario.units.count)
        var resolved: [ResolvedWave] = []
        for (w, wave) in rollout.waves.enumerated() {
            let evidence = wave.evidence.matches(in: scenario)
            for i in memberships[w] where waveOfUnit[i] == nil { waveOfUnit[i] = w }
            for i in evidence { isEvidence[i] = true }
            let districts = Set(evidence.map { scenario.units[$0].districtIndex }).sorted()
            let evidenceSet = Set(evidence)
            let comparison = scenario.units.indices.filter {
                districts.contains(scenario.units[$0].districtIndex) && !evidenceSet.contains($0)
            }
            func resolve(_ condition: WaveCondition?, defaultWindow: Int) -> Condition? {
                condition.map {
                    Condition(condition: $0, threshold: $0.threshold.series(over: horizon), window: $0.window ?? defaultWindow)
                }
            }
            let earliest = max(wave.earliest ?? horizon.firstYear, horizon.firstYear)
            resolved.append(
                ResolvedWave(
                    wave: wave, members: memberships[w], evidence: evidence, evidenceDistricts: districts,
                    comparison: comparison, earliestIndex: horizon.index(of: earliest),
                    deadlineIndex: wave.deadline.map { horizon.index(of: max($0, horizon.firstYear)) }, lag: wave.lag,
                    when: resolve(wave.when, defaultWindow: wave.window)!, stopWhen: resolve(wave.stopWhen, defaultWindow: 1),
                    after: wave.after.flatMap { id in rollout.waves.firstIndex { $0.id == id } }))
        }
        self.waves = resolved
        self.pilotEffort = rollout.pilotEffort.series(over: horizon)
        self.waveOfUnit = waveOfUnit
        self.isEvidence = isEvidence
    }

    /// The members of each wave of `rollout` (model.md §20): the units its `members` match that are
    /// neither in its evidence group nor named in `rollout.byUnit`.
    public static func memberships(of rollout: RolloutPolicy, in scenario: Scenario) -> [[Int]] {
        memberships(of: rollout, units: scenario.units, districtIDs: scenario.districts.map(\.id))
    }

    /// The same for `units` and the district ids their `districtIndex` refers to.
    public static func memberships(of rollout: RolloutPolicy, units: [FiscalUnit], districtIDs: [String]) -> [[Int]] {
        rollout.waves.map { wave in
            let evidence = Set(wave.evidence.matches(units: units, districtIDs: districtIDs))
            return wave.members.matches(units: units, districtIDs: districtIDs).filter {
                !evidence.contains($0) && rollout.byUnit[units[$0].id] == nil
            }
        }
    }

    /// The smallest contiguous range of districts (declared order) holding every wave's
    /// members and evidence in any variant of `scenario`: what a Monte Carlo shard must
    /// simulate together (model.md §16, §20). `nil` without waves.
    public static func linkedDistricts(of scenario: Scenario) -> Range<Int>? {
        var districts = Set<Int>()
        for variant in scenario.policyVariants {
            let rollout = variant.policy.rollout
            guard !rollout.waves.isEmpty else { continue }
            for (wave, members) in zip(rollout.waves, memberships(of: rollout, in: scenario)) {
                for i in members + wave.evidence.matches(in: scenario) { districts.insert(scenario.units[i].districtIndex) }
            }
        }
        guard let low = districts.min(), let high = districts.max() else { return nil }
        return low..<(high + 1)
    }
}
