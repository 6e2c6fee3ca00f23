/// How one wave was decided over the paths of a run (model.md §20): how many paths adopted and
/// abandoned it in each projected year; for a deterministic run also why, and its evidence.
public struct WaveResult: Sendable, Equatable {
    /// Why a deterministic run's wave ended as it did.
    public enum Reason: Sendable, Equatable {
        /// `when` held in evidence years (indices) first…last.
        case when(first: Int, last: Int)
        /// The deadline came.
        case deadline
        /// `stopWhen` held in evidence years (indices) first…last.
        case stopWhen(first: Int, last: Int)
        /// The wave it follows (`after`) was abandoned.
        case afterAbandoned(String)
        /// Still undecided after the last projected year.
        case notAdopted
    }

    /// The wave id.
    public var id: String
    /// Paths of the run.
    public var paths: Int
    /// Paths adopting in each projected year index.
    public var adoptedIn: [Int]
    /// Paths abandoning in each projected year index.
    public var abandonedIn: [Int]
    /// A deterministic run's decision, with the reason.
    public var reason: Reason?
    /// A deterministic run's `when` metric by evidence year index (NaN: undefined).
    public var whenMetric: [Double] = []
    /// A deterministic run's `stopWhen` metric by evidence year index (empty without one).
    public var stopMetric: [Double] = []
    /// Each path's final status (after the last projected year), path order.
    public var statusByPath: [WaveStatus] = []

    /// Creates a result.
    public init(id: String, paths: Int, adoptedIn: [Int], abandonedIn: [Int]) {
        self.id = id
        self.paths = paths
        self.adoptedIn = adoptedIn
        self.abandonedIn = abandonedIn
    }

    /// Share of paths with A_w ≤ the year of index `y`.
    public func adoptedShare(throughYearIndex y: Int) -> Double {
        Double(adoptedIn[0...y].reduce(0, +)) / Double(paths)
    }

    /// Share of paths that abandoned the wave in a year ≤ the year of index `y`.
    public func abandonedShare(throughYearIndex y: Int) -> Double {
        Double(abandonedIn[0...y].reduce(0, +)) / Double(paths)
    }

    /// The mean adoption year index over adopting paths, `nil` when none adopts.
    public var meanAdoptionIndex: Double? {
        let adopting = adoptedIn.reduce(0, +)
        guard adopting > 0 else { return nil }
        let sum = adoptedIn.enumerated().reduce(0.0) { $0 + Double($1.offset) * Double($1.element) }
        return sum / Double(adopting)
    }

    /// A deterministic run's adoption year index (`nil`: not adopted).
    public var adoptedIndex: Int? { adoptedIn.firstIndex { $0 > 0 } }

    /// A deterministic run's abandonment year index (`nil`: not abandoned).
    public var abandonedIndex: Int? { abandonedIn.firstIndex { $0 > 0 } }
}

extension WaveTracker {
    /// Every wave's result over the tracked paths, after the last projected year; a
    /// one-path tracker also gives the reason and the evidence.
    public func results() -> [WaveResult] {
        plan.waves.enumerated().map { w, wave in
            var result = WaveResult(
                id: wave.wave.id, paths: paths, adoptedIn: Array(repeating: 0, count: years),
                abandonedIn: Array(repeating: 0, count: years))
            result.statusByPath = (0..<paths).map { status(wave: w, path: $0) }
            for p in 0..<paths {
                switch status(wave: w, path: p) {
                case .adopted(let y): result.adoptedIn[y] += 1
                case .abandoned(let y): result.abandonedIn[y] += 1
                case .undecided: break
                }
            }
            guard paths == 1 else { return result }
            result.whenMetric = (0..<years).map { metric(wave: w, stop: false, yearIndex: $0, path: 0) }
            if wave.stopWhen != nil {
                result.stopMetric = (0..<years).map { metric(wave: w, stop: true, yearIndex: $0, path: 0) }
            }
            result.reason = reason(wave, w)
            return result
        }
    }

    /// Why wave `w` ended as it did on path 0.
    private func reason(_ wave: WavePlan.ResolvedWave, _ w: Int) -> WaveResult.Reason {
        func window(_ condition: WavePlan.Condition, _ y: Int) -> (Int, Int) {
            (y - wave.lag - condition.window + 1, y - wave.lag)
        }
        switch status(wave: w, path: 0) {
        case .undecided:
            return .notAdopted
        case .adopted(let y):
            if holds(wave.when, wave: w, stop: false, lag: wave.lag, yearIndex: y, path: 0) {
                let (first, last) = window(wave.when, y)
                return .when(first: first, last: last)
            }
            return .deadline
        case .abandoned(let y):
            if let stop = wave.stopWhen, holds(stop, wave: w, stop: true, lag: wave.lag, yearIndex: y, path: 0) {
                let (first, last) = window(stop, y)
                return .stopWhen(first: first, last: last)
            }
            return .afterAbandoned(wave.after.map { plan.waves[$0].wave.id } ?? "")
        }
    }
}
