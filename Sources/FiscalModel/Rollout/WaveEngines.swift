/// One yearly engine per wave state of a variant (SPEC §20): everything the engine resolves
/// once from the adoption years (incentive, restructuring, fees and task costs, donation
/// receivers, the fixed reference T(α−1), rebasing, the term, the linked base) follows a wave
/// member's path-dependent year by running the year on the engine of the path's state.
///
/// A state gives each wave either "undecided" (its members not adopted, its pilots judged), an
/// adoption year, or "not adopted". Because an engine's values for year t depend only on
/// which adoption years are ≤ t, a path may switch engines between years: its carried state
/// (tax, reference memory, the linked amount) is the engine-independent `PathBatch`.
///
/// Engines are built on demand, serially, between the parallel phases of a run.
public final class WaveEngines: @unchecked Sendable {
    /// The resolved waves.
    public let plan: WavePlan
    /// The variant's policy before any wave decides (members never adopted).
    public let base: CompiledPolicy
    /// Engines built so far, by index.
    public private(set) var engines: [YearEngine] = []
    private var indexOfKey: [[Int32]: Int] = [:]
    private let hasEffort: Bool

    /// The engines of `policy` in `scenario`; `plan` is the policy's resolved waves.
    public init(_ policy: Policy, of scenario: Scenario, plan: WavePlan) {
        self.plan = plan
        self.base = CompiledPolicy(policy, of: scenario, counterfactual: false)
        self.hasEffort = plan.pilotEffort.contains { $0 != 0 }
    }

    /// The index of the engine for the wave statuses `codes` (`WaveStatus.code`, one per wave),
    /// building it if needed. Not thread-safe: call between parallel phases.
    public func index(for codes: UnsafeBufferPointer<Int32>) -> Int {
        // Without pilot effort an undecided wave runs as one that is not adopted.
        let key = codes.map { code -> Int32 in
            if code >= 0 { return code }
            return hasEffort && code == -1 ? -1 : -2
        }
        if let known = indexOfKey[key] { return known }
        engines.append(YearEngine(policy(for: key)))
        indexOfKey[key] = engines.count - 1
        return engines.count - 1
    }

    /// The resolved policy of one state: adopted waves' members take their year; the pilots of
    /// undecided (watching) waves grow by p(t) in the years they are adopted.
    private func policy(for key: [Int32]) -> CompiledPolicy {
        var policy = base
        let horizon = policy.horizon
        for (w, code) in key.enumerated() where code >= 0 {
            for i in plan.waves[w].members { policy.adoptionYear[i] = horizon.year(at: Int(code)) }
        }
        var judged = [Bool](repeating: false, count: policy.unitCount)
        for (w, code) in key.enumerated() where code == -1 {
            for i in plan.waves[w].evidence { judged[i] = true }
        }
        let n = policy.unitCount
        for i in 0..<n where judged[i] {
            for y in 0..<horizon.count where policy.isAdopted(i, in: horizon.year(at: y)) {
                policy.baselineGrowth[y * n + i] += plan.pilotEffort[y]
            }
        }
        return policy
    }
}
