import Foundation

/// One yearly engine per wave state of a variant (model.md §20): everything the engine resolves
/// once from the adoption years (incentive, restructuring, fees and task costs, donation
/// receivers, the fixed reference T(α−1), rebasing, the term, the linked base) follows a wave
/// member's path-dependent year by running the year on the engine of the path's state.
///
/// A state gives each wave either "undecided" (its members not adopted, its pilots judged), an
/// adoption year, or "not adopted". Because an engine's values for year t depend only on
/// which adoption years are ≤ t, a path may switch engines between years: its carried state
/// (tax, reference memory, the linked amount) is the engine-independent `PathBatch`.
///
/// Engines are built on demand; a lock makes building and looking them up safe from the
/// workers of a run.
public final class WaveEngines: @unchecked Sendable {
    /// The resolved waves.
    public let plan: WavePlan
    /// The variant's policy before any wave decides (members never adopted).
    public let base: CompiledPolicy
    /// Engines built so far, by index.
    private var engines: [YearEngine] = []
    private var indexOfKey: [[Int32]: Int] = [:]
    private let lock = NSLock()
    private let hasEffort: Bool

    /// The engines of `policy` in `scenario`; `plan` is the policy's resolved waves.
    public init(_ policy: Policy, of scenario: Scenario, plan: WavePlan) {
        self.plan = plan
        self.base = CompiledPolicy(policy, of: scenario, counterfactual: false)
        self.hasEffort = plan.pilotEffort.contains { $0 != 0 }
    }

    /// Every engine built so far, by index (a snapshot for loops over many paths).
    public func snapshot() -> [YearEngine] {
        lock.lock()
        defer { lock.unlock() }
        return engines
    }

    /// The engine of index `index`.
    public func engine(at index: Int) -> YearEngine {
        lock.lock()
        defer { lock.unlock() }
        return engines[index]
    }

    /// The index of the engine for the wave statuses `codes` (`WaveStatus.code`, one per wave),
    /// building it if needed.
    public func index(for codes: UnsafeBufferPointer<Int32>) -> Int {
        lock.lock()
        defer { lock.unlock() }
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
        base.deciding(
            plan, adoption: key.map { $0 >= 0 ? Int($0) : nil }, watching: { w, _ in key[w] == -1 })
    }
}

extension CompiledPolicy {
    /// This policy (before any wave decides) with the waves of `plan` decided: wave w's members
    /// adopt in year index `adoption[w]` (`nil`: not adopted), and every unit of the evidence
    /// group of a wave watching in year index y (`watching(w, y)`) and adopted in y grows by
    /// p(y) more — once however many waves watch (model.md §20).
    public func deciding(_ plan: WavePlan, adoption: [Int?], watching: (Int, Int) -> Bool) -> CompiledPolicy {
        var policy = self
        for (w, index) in adoption.enumerated() {
            guard let index else { continue }
            for i in plan.waves[w].members { policy.adoptionYear[i] = horizon.year(at: index) }
        }
        guard plan.pilotEffort.contains(where: { $0 != 0 }) else { return policy }
        let n = unitCount
        for y in 0..<horizon.count {
            var judged = Set<Int>()
            for w in plan.waves.indices where watching(w, y) { judged.formUnion(plan.waves[w].evidence) }
            for i in judged where policy.isAdopted(i, in: horizon.year(at: y)) {
                policy.baselineGrowth[y * n + i] += plan.pilotEffort[y]
            }
        }
        return policy
    }

    /// This policy with the waves of a deterministic run decided as `results` say (the policy
    /// the run followed, for explanations and group tables).
    public func deciding(_ plan: WavePlan, results: [WaveResult]) -> CompiledPolicy {
        deciding(plan, adoption: results.map(\.adoptedIndex)) { w, y in
            let decided = results[w].adoptedIndex ?? results[w].abandonedIndex ?? Int.max
            return y < decided
        }
    }
}
