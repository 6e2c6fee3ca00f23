/// The decision before each projected year (model.md §20): every undecided wave, in listed order,
/// on each path's own evidence.
extension WaveTracker {
    /// Decides every undecided wave on paths `range` (all by default) before year index `y`,
    /// then picks each path's engine for the year. Concurrent calls must cover disjoint paths.
    public func decide(yearIndex y: Int, paths range: Range<Int>? = nil) {
        let waves = plan.waves
        var codes = [Int32](repeating: 0, count: waves.count)
        for p in range ?? 0..<paths {
            for (w, wave) in waves.enumerated() where status(wave: w, path: p) == .undecided {
                if let next = decision(wave, w, path: p, yearIndex: y) { status.pointer[w * paths + p] = next.code }
            }
            for w in waves.indices { codes[w] = status.pointer[w * paths + p] }
            let index = codes.withUnsafeBufferPointer { engines.index(for: $0) }
            engineOfPath.pointer[p] = Int32(index)
        }
    }

    /// Steps 1–4 of model.md §20's decision for one undecided wave; `nil` when nothing is decided.
    private func decision(_ wave: WavePlan.ResolvedWave, _ w: Int, path p: Int, yearIndex y: Int) -> WaveStatus? {
        if y < wave.earliestIndex { return nil }
        if let stop = wave.stopWhen, holds(stop, wave: w, stop: true, lag: wave.lag, yearIndex: y, path: p) {
            return .abandoned(y)
        }
        if let v = wave.after {
            switch status(wave: v, path: p) {
            case .adopted(let year) where year < y: break
            case .abandoned: return .abandoned(y)
            default: return nil
            }
        }
        if holds(wave.when, wave: w, stop: false, lag: wave.lag, yearIndex: y, path: p) { return .adopted(y) }
        if let deadline = wave.deadlineIndex, y >= deadline { return .adopted(y) }
        return nil
    }

    /// Whether `condition` holds at year index `y`: each evidence year y − lag − W + 1 … y − lag
    /// is projected and its metric is defined and passes.
    func holds(_ condition: WavePlan.Condition, wave w: Int, stop: Bool, lag: Int, yearIndex y: Int, path p: Int) -> Bool {
        let last = y - lag
        let first = last - condition.window + 1
        guard first >= 0 else { return false }
        for e in first...last where !condition.passes(metric(wave: w, stop: stop, yearIndex: e, path: p), yearIndex: e) {
            return false
        }
        return true
    }
}
