/// The evidence-gated roll-out of one variant over a set of paths (model.md §20): each wave's
/// status on every path, the engine each path runs this year, and the history of every
/// condition's metric by evidence year. A deterministic run is a tracker of one path.
///
/// Per-path buffers are laid out path-minor (`[row * paths + p]`): the deciding step
/// (`decide`) runs serially between years; the recording step (`record`) runs inside each
/// batch's task and writes only that batch's paths.
public final class WaveTracker: @unchecked Sendable {
    /// The variant's engines per wave state.
    public let engines: WaveEngines
    /// Paths tracked.
    public let paths: Int
    let years: Int
    let unitCount: Int
    /// Wave status codes (`WaveStatus.code`), `[w * paths + p]`.
    let status: IndexBuffer
    /// The engine of each path in the year being simulated.
    let engineOfPath: IndexBuffer
    /// Metric of condition slot s = 2w (`when`) or 2w+1 (`stopWhen`) at evidence year e:
    /// `[(s * years + e) * paths + p]`, NaN where undefined.
    let history: Buffer
    /// Cumulative reform effect of each wave's evidence districts, `[w * paths + p]`.
    let effect: Buffer
    /// Σ T(e−1) over G_e and C_e of the year being simulated, `[(2w + g) * paths + p]`.
    let previousTax: Buffer

    /// A tracker of `paths` paths of `policy` in `scenario`; `nil` when the policy has no waves.
    public convenience init?(_ policy: Policy, of scenario: Scenario, paths: Int) {
        guard let plan = WavePlan(policy.rollout, in: scenario) else { return nil }
        self.init(WaveEngines(policy, of: scenario, plan: plan), paths: paths)
    }

    /// A tracker of `paths` paths running `engines`.
    public init(_ engines: WaveEngines, paths: Int) {
        self.engines = engines
        self.paths = paths
        years = engines.base.horizon.count
        unitCount = engines.base.unitCount
        let w = engines.plan.waves.count
        status = IndexBuffer(count: w * paths)
        for k in 0..<(w * paths) { status.pointer[k] = WaveStatus.undecided.code }
        engineOfPath = IndexBuffer(count: paths)
        history = Buffer(count: 2 * w * years * paths)
        for k in 0..<history.count { history.pointer[k] = .nan }
        effect = Buffer(count: w * paths)
        for k in 0..<effect.count { effect.pointer[k] = 0 }
        previousTax = Buffer(count: 2 * w * paths)
    }

    /// The resolved waves.
    public var plan: WavePlan { engines.plan }

    /// The status of wave `w` on path `p`.
    public func status(wave w: Int, path p: Int) -> WaveStatus { WaveStatus(code: status.pointer[w * paths + p]) }

    /// The engine path `p` runs in the year last decided.
    public func engine(path p: Int) -> YearEngine { engines.engine(at: Int(engineOfPath.pointer[p])) }

    /// The metric of wave `w`'s `when` (`stop` false) or `stopWhen` condition at evidence year
    /// index `e` on path `p` (NaN: undefined or not computed).
    public func metric(wave w: Int, stop: Bool, yearIndex e: Int, path p: Int) -> Double {
        history.pointer[((2 * w + (stop ? 1 : 0)) * years + e) * paths + p]
    }

    /// `value` of each path's engine for paths `range` (offset by `range.lowerBound` in `out`),
    /// computed once per engine in use: how per-path constants of many paths are looked up.
    public func perPath(_ range: Range<Int>, into out: UnsafeMutablePointer<Double>, _ value: (YearEngine) -> Double) {
        let engines = engines.snapshot()
        var cache = [Double](repeating: 0, count: engines.count)
        var known = [Bool](repeating: false, count: engines.count)
        for p in range {
            let e = Int(engineOfPath.pointer[p])
            if !known[e] {
                cache[e] = value(engines[e])
                known[e] = true
            }
            out[p - range.lowerBound] = cache[e]
        }
    }

    /// Mean and quantiles (`RowStatistics` order) of `value` of each path's engine over all
    /// paths: one value per engine in use, so no selection is needed — the k-th smallest value is
    /// read from the engines' path counts in value order.
    public func statistics(of value: (YearEngine) -> Double, into out: UnsafeMutablePointer<Double>) {
        let engines = engines.snapshot()
        var counts = [Int](repeating: 0, count: engines.count)
        for p in 0..<paths { counts[Int(engineOfPath.pointer[p])] += 1 }
        let used = counts.indices.filter { counts[$0] > 0 }.map { (value: value(engines[$0]), count: counts[$0]) }
            .sorted { $0.value < $1.value }
        var merged: [(value: Double, count: Int)] = []
        for entry in used {
            if let last = merged.last, last.value == entry.value {
                merged[merged.count - 1].count += entry.count
            } else {
                merged.append(entry)
            }
        }
        if merged.count == 1 {
            for j in 0..<RowStatistics.count { out[j] = merged[0].value }
            return
        }
        func ranked(_ k: Int) -> Double {
            var seen = 0
            for entry in merged {
                seen += entry.count
                if k < seen { return entry.value }
            }
            return merged[merged.count - 1].value
        }
        out[0] = merged.reduce(0) { $0 + $1.value * Double($1.count) } / Double(paths)
        for (j, q) in Quantiles.levels.enumerated() {
            let (lower, upper, gamma) = Quantiles.position(of: q, count: paths)
            out[1 + j] = Quantiles.interpolate(ranked(lower), ranked(upper), gamma: gamma)
        }
    }

    /// The distinct engines of paths `range`, in engine order.
    public func engines(of range: Range<Int>) -> [YearEngine] {
        Set(range.map { engineOfPath.pointer[$0] }).sorted().map { engines.engine(at: Int($0)) }
    }
}
