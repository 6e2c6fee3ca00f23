/// The peak memory a Monte Carlo run will need, estimated before anything is allocated
/// (model.md §19), from the run's dimensions alone: S paths, N units, T years, D districts, the
/// simulated policies and the correlation structure. A pure function, so `run`, `validate` and
/// a sweep driver (one call per sweep point batch) share it.
///
/// The run keeps O(S × N) per simulated policy while it advances year by year, then the
/// statistics table O(V × N × T × metrics) and the rendered quantile tables; the peak is the
/// larger of the simulation and the writing phase, on top of the process itself.
public struct MemoryEstimate: Sendable, Equatable, CustomStringConvertible {
    /// The dimensions the estimate depends on.
    public struct Shape: Sendable, Equatable {
        /// S.
        public var paths: Int
        /// N.
        public var units: Int
        /// D.
        public var districts: Int
        /// T.
        public var years: Int
        /// Line-fee categories.
        public var fees: Int
        /// Reported variants, the counterfactual included (`reform` + listed + 1).
        public var reportedVariants: Int
        /// Policies simulated: the reported variants (without the counterfactual) plus one
        /// no-adoption run per distinct tax-growth policy.
        public var simulatedRuns: Int
        /// Distinct tax-shock correlation structures.
        public var shockStructures: Int
        /// Whether a unit-by-unit correlation matrix is used.
        public var matrix: Bool
        /// Worker threads.
        public var workers: Int

        /// Creates a shape.
        public init(
            paths: Int, units: Int, districts: Int, years: Int, fees: Int, reportedVariants: Int, simulatedRuns: Int,
            shockStructures: Int = 1, matrix: Bool = false, workers: Int = 1
        ) {
            self.paths = paths
            self.units = units
            self.districts = districts
            self.years = years
            self.fees = fees
            self.reportedVariants = reportedVariants
            self.simulatedRuns = simulatedRuns
            self.shockStructures = shockStructures
            self.matrix = matrix
            self.workers = workers
        }

        /// The shape of `scenario` run over `paths` paths on `threads` threads, counting the
        /// simulated policies as `MonteCarloSimulation` does.
        public init(_ scenario: Scenario, paths: Int, threads: Int) {
            let variants = scenario.policyVariants
            var structures: [CorrelationStructure] = []
            for variant in variants where !structures.contains(variant.policy.taxGrowth.correlation) {
                structures.append(variant.policy.taxGrowth.correlation)
            }
            let matrix = structures.contains { if case .matrix = $0 { return true } else { return false } }
            let batches = (paths + MonteCarloSimulation.batchSize - 1) / MonteCarloSimulation.batchSize
            self.init(
                paths: paths, units: scenario.units.count, districts: scenario.districts.count,
                years: scenario.horizon.count, fees: scenario.feeCategories.count, reportedVariants: variants.count + 1,
                simulatedRuns: variants.count + CounterfactualPlan(scenario).count, shockStructures: structures.count, matrix: matrix,
                workers: max(1, min(threads, batches)))
        }
    }

    /// The dimensions.
    public var shape: Shape
    /// Bytes of the process before the run (runtime, libraries, the loaded scenario).
    public static let processBytes = 40 << 20

    /// The estimate for `shape`.
    public init(_ shape: Shape) { self.shape = shape }

    /// Peak bytes of the run: the process, the statistics table, and the larger of the
    /// simulation's buffers and the rendered output.
    public var bytes: Int { fixedBytes &+ max(simulationBytes, outputBytes) }

    /// Bytes needed whatever S is: the process, the statistics table and a correlation matrix.
    public var fixedBytes: Int { Self.processBytes + statisticsBytes + matrixBytes }

    /// Bytes that grow with S per path (the part `--paths` or `--shard` reduce).
    public var bytesPerPath: Int {
        let s = shape
        let perRun = s.units * 8 * 3 + YearEngine.scratchSlots * 8  // tax, reference memory, reference cache
        let columns = YearColumns.doubles(units: s.units, districts: s.districts, paths: 1) * 8
        let shocks = s.shockStructures * s.units * 8
        // Per worker five rows; per district the pool order, the pool it was sorted by and each
        // run's counterfactual net revenue.
        let scratch = s.workers * 5 * 8 + s.districts * (4 + 8 + 8 * s.simulatedRuns)
        // The brief's per-path values (`PathBrief`): per reported variant and district (and its
        // all row) three sums, a year and a count (8 bytes each) and two flags, and one year's
        // exact sums (16 bytes) and flags.
        let brief = s.reportedVariants * (s.districts + 1) * (5 * 8 + 2) + 17
        return s.simulatedRuns * perRun + columns + shocks + scratch + s.units * 8 + brief
    }

    /// The simulation phase: every per-path buffer, and the compiled policies (T × N each).
    var simulationBytes: Int {
        let s = shape
        return saturating(bytesPerPath, times: s.paths) &+ compiledBytes
    }

    /// The compiled policies and yearly engines: about 20 + 3 × fees arrays of T × N per policy
    /// (needed whatever S is).
    public var compiledBytes: Int { shape.simulatedRuns * shape.years * shape.units * 8 * (20 + 3 * shape.fees) }

    /// Statistics rows: per variant, unit-year and metric, and per district-year and metric.
    private var statisticsRows: Int {
        let s = shape
        let unitMetrics = UnitYearColumn.monteCarloFields(categoryCount: s.fees).count
        let districtMetrics = DistrictYearColumn.monteCarloFields(categoryCount: s.fees).count
        return s.reportedVariants * s.years * (s.units * unitMetrics + s.districts * districtMetrics)
    }

    /// Mean and five quantiles per statistics row.
    var statisticsBytes: Int { statisticsRows * RowStatistics.count * 8 }

    /// Blocks of `units_quantiles.csv` (one variant and district each) rendered ahead of the file
    /// at most, beside those being rendered.
    public static let tableBlocksAhead = 4

    /// The quantile tables as text, about 80 bytes a row (two copies of each block at the peak,
    /// measured): `districts_quantiles.csv` whole, `units_quantiles.csv` in the blocks rendered
    /// ahead of the file and those being rendered (without a workbook, which reads it whole).
    var outputBytes: Int {
        let s = shape
        let districtRows = s.reportedVariants * s.years * s.districts
            * DistrictYearColumn.monteCarloFields(categoryCount: s.fees).count
        let unitRows = statisticsRows - districtRows
        let blockRows = unitRows / max(1, s.reportedVariants * s.districts) + 1
        return (districtRows + min(unitRows, blockRows * (Self.tableBlocksAhead + s.workers))) * 80 * 2
    }

    /// A correlation matrix and its Cholesky factor (N × N each).
    var matrixBytes: Int { shape.matrix ? 2 * shape.units * shape.units * 8 : 0 }

    private func saturating(_ a: Int, times b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max / 2 : product
    }

    /// The most paths that fit in `available` bytes, 0 if even the fixed part does not.
    public func pathsFitting(in available: Int) -> Int {
        let room = available - fixedBytes
        guard room > outputBytes, room > compiledBytes, bytesPerPath > 0 else { return 0 }
        return (room - compiledBytes) / bytesPerPath
    }

    /// "1.2 GiB" style.
    public static func format(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var index = 0
        while value >= 1024 && index < units.count - 1 {
            value /= 1024
            index += 1
        }
        return index == 0 ? "\(bytes) bytes" : "\((value * 10).rounded() / 10) \(units[index])"
    }

    /// "about 1.2 GiB".
    public var description: String { "about \(Self.format(bytes))" }
}
