/// `fiscal-sim solve`'s search (model.md §15.2): scan nine points of [LO, HI], take the first
/// adjacent pair whose f = METRIC − VALUE differ in sign class (< 0, = 0, > 0), and bisect it.
/// No other method, so every implementation evaluates the same points.
public struct BracketSearch: Sendable {
    /// One evaluation: the lever's value and the metric there.
    public struct Evaluation: Sendable, Equatable {
        /// The value of the varied path.
        public var x: Double
        /// METRIC at x.
        public var metric: Double
    }

    /// How the search ended.
    public enum Kind: Sendable, Equatable {
        /// A bracket was refined to `x`.
        case found
        /// Every scan point already meets the target (x = HI).
        case everywhere
        /// No scan point changes class: nothing in [LO, HI] reaches the target.
        case notReached
    }

    /// The answer.
    public struct Outcome: Sendable, Equatable {
        /// How the search ended.
        public var kind: Kind
        /// The answer (`nil` when not reached).
        public var x: Double?
        /// The final bracket (LO and HI when not reached or met everywhere).
        public var lo, hi: Double
        /// METRIC at `lo` and `hi`.
        public var metricLo, metricHi: Double
        /// Every evaluation in order.
        public var evaluations: [Evaluation]
        /// Further scan intervals in which the class changes (named in a note).
        public var otherChanges: [(lo: Double, hi: Double)]

        /// Equal kinds, answers, brackets, evaluations and notes.
        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.kind == b.kind && a.x == b.x && a.lo == b.lo && a.hi == b.hi && a.metricLo == b.metricLo
                && a.metricHi == b.metricHi && a.evaluations == b.evaluations
                && a.otherChanges.map { [$0.lo, $0.hi] } == b.otherChanges.map { [$0.lo, $0.hi] }
        }
    }

    /// Lower end LO.
    public var lo: Double
    /// Upper end HI.
    public var hi: Double
    /// The target VALUE.
    public var target: Double
    /// Whether the path takes whole numbers (roll-out years, `termYears`, …).
    public var integer: Bool
    /// Stop when the bracket is this narrow (integers: 1).
    public var tolerance: Double

    /// A search of [lo, hi]; `tolerance` defaults to 1e-6·(HI − LO).
    public init(lo: Double, hi: Double, target: Double, integer: Bool, tolerance: Double? = nil) {
        self.lo = lo
        self.hi = hi
        self.target = target
        self.integer = integer
        self.tolerance = integer ? 1 : tolerance ?? 1e-6 * abs(hi - lo)
    }

    /// The nine scan points x_k = LO + k·(HI − LO)/8, x_8 = HI (integers: rounded half-up,
    /// duplicates dropped).
    public var scanPoints: [Double] {
        var points = (0...8).map { $0 == 8 ? hi : lo + Double($0) * (hi - lo) / 8 }
        if integer {
            points = points.map { ($0 + 0.5).rounded(.down) }
            var seen = Set<Double>()
            points = points.filter { seen.insert($0).inserted }
        }
        return points
    }

    /// Runs the search; `evaluate` returns METRIC at each of the given values, in order (the
    /// scan's points come in one call so they can run in parallel).
    public func run<Failure: Error>(_ evaluate: ([Double]) throws(Failure) -> [Double]) throws(Failure) -> Outcome {
        let xs = scanPoints
        let metrics = try evaluate(xs)
        var evaluations = zip(xs, metrics).map { Evaluation(x: $0, metric: $1) }
        let classes = metrics.map { Self.sign($0 - target) }
        let changes = xs.indices.dropLast().filter { classes[$0] != classes[$0 + 1] }
        guard let first = changes.first else {
            let kind: Kind = classes[0] == 0 ? .everywhere : .notReached
            return Outcome(
                kind: kind, x: kind == .everywhere ? hi : nil, lo: lo, hi: hi, metricLo: metrics.first!,
                metricHi: metrics.last!, evaluations: evaluations, otherChanges: [])
        }
        var (a, b) = (xs[first], xs[first + 1])
        var (fa, fb) = (metrics[first], metrics[first + 1])
        while b - a > tolerance {
            let m = integer ? ((a + b) / 2).rounded(.down) : (a + b) / 2
            guard m > a, m < b else { break }
            let fm = try evaluate([m])[0]
            evaluations.append(Evaluation(x: m, metric: fm))
            if Self.sign(fa - target) != Self.sign(fm - target) {
                (b, fb) = (m, fm)
            } else {
                (a, fa) = (m, fm)
            }
        }
        let x: Double
        if Self.sign(fa - target) == 0 {
            x = a
        } else if Self.sign(fb - target) == 0 {
            x = b
        } else {
            x = integer ? a : (a + b) / 2
        }
        return Outcome(
            kind: .found, x: x, lo: a, hi: b, metricLo: fa, metricHi: fb, evaluations: evaluations,
            otherChanges: changes.dropFirst().map { (xs[$0], xs[$0 + 1]) })
    }

    /// −1, 0 or 1.
    static func sign(_ value: Double) -> Int { value < 0 ? -1 : value > 0 ? 1 : 0 }
}
