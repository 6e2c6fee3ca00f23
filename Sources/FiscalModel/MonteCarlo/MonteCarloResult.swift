/// A table of per-row statistics (mean, p05, p25, p50, p75, p95), NaN where a value is
/// undefined on every path (a reference where the rebate does not apply, self-sufficiency with
/// need 0). Rows are written concurrently by the Monte Carlo workers, each to its own rows.
public final class StatisticsTable: @unchecked Sendable {
    /// Number of rows.
    public let rows: Int
    private let storage: UnsafeMutableBufferPointer<Double>
    private let isMapped: Bool

    /// A table of `rows` rows, all NaN. A large table is mapped in huge pages (`LargeBuffer`):
    /// tens of megabytes are faulted in a few dozen pages instead of thousands.
    public init(rows: Int) {
        self.rows = rows
        let count = max(1, rows * RowStatistics.count)
        let (pointer, isMapped) = LargeBuffer.allocate(count)
        storage = UnsafeMutableBufferPointer(start: pointer, count: count)
        self.isMapped = isMapped
        storage.update(repeating: .nan)
    }

    deinit { LargeBuffer.deallocate(storage.baseAddress!, count: storage.count, isMapped: isMapped) }

    /// The six statistics of `row`.
    public func row(_ row: Int) -> UnsafeMutablePointer<Double> {
        storage.baseAddress! + row * RowStatistics.count
    }

    /// The six statistics of `row` as an array.
    public subscript(row: Int) -> [Double] { Array(UnsafeBufferPointer(start: self.row(row), count: RowStatistics.count)) }
}

/// The result of a Monte Carlo run (model.md §8): per variant, unit-year and metric, and per
/// variant, district-year and metric, the mean and quantiles of the unrounded per-path values.
public struct MonteCarloResult: Sendable {
    /// Number of paths S.
    public let paths: Int
    /// The seed.
    public let seed: UInt64
    /// Variant names in output order (counterfactual, reform, listed variants).
    public let variants: [String]
    /// Number of units.
    public let unitCount: Int
    /// Number of districts.
    public let districtCount: Int
    /// Number of projected years.
    public let yearCount: Int
    /// Unit metrics in output order (`UnitYearColumn.monteCarloFields`).
    public let unitMetrics: [UnitYearField]
    /// District metrics in output order (`DistrictYearColumn.monteCarloFields`).
    public let districtMetrics: [DistrictYearField]
    /// Statistics of unit metrics; see `unitRow`.
    public let unitStatistics: StatisticsTable
    /// Statistics of district metrics; see `districtRow`.
    public let districtStatistics: StatisticsTable
    /// Tax values clamped at a zero growth factor, over every path, year and simulated run
    /// (variants and their counterfactuals).
    public let clampedTax: Int

    /// The first value beyond model.md §19's limits, if the run stopped at one (the statistics are
    /// then incomplete and must not be written).
    public let limitViolation: ProjectionLimitViolation?

    /// The result, or the limit violation that stopped it.
    public func checked() throws(ProjectionLimitViolation) -> MonteCarloResult {
        if let limitViolation { throw limitViolation }
        return self
    }

    /// The brief's per-path values (model.md §22), `nil` until the simulation has run.
    public let brief: PathBrief?

    /// Wall-clock seconds of the run's phases (not part of the output; for benchmarks).
    public let timings: MonteCarloTimings
    /// Number of simulated runs: the reported variants plus the counterfactuals they need.
    public let simulatedRuns: Int
    /// How each variant's evidence-gated waves were decided over the paths (model.md §20), aligned
    /// with `variants` (the counterfactual's entry is empty).
    public internal(set) var waves: [[WaveResult]] = []

    /// Creates an empty result to be filled by the simulation.
    init(
        paths: Int, seed: UInt64, variants: [String], unitCount: Int, districtCount: Int, yearCount: Int,
        unitMetrics: [UnitYearField], districtMetrics: [DistrictYearField], clampedTax: Int = 0, unitStatistics: StatisticsTable? = nil,
        districtStatistics: StatisticsTable? = nil, timings: MonteCarloTimings = MonteCarloTimings(),
        simulatedRuns: Int = 0, limitViolation: ProjectionLimitViolation? = nil, brief: PathBrief? = nil
    ) {
        self.brief = brief
        self.limitViolation = limitViolation
        self.timings = timings
        self.simulatedRuns = simulatedRuns
        self.paths = paths
        self.seed = seed
        self.variants = variants
        self.unitCount = unitCount
        self.districtCount = districtCount
        self.yearCount = yearCount
        self.unitMetrics = unitMetrics
        self.districtMetrics = districtMetrics
        self.unitStatistics = unitStatistics
            ?? StatisticsTable(rows: variants.count * unitCount * yearCount * unitMetrics.count)
        self.districtStatistics = districtStatistics
            ?? StatisticsTable(rows: variants.count * districtCount * yearCount * districtMetrics.count)
        self.clampedTax = clampedTax
    }

    /// The same result with the run's totals set.
    func with(
        clampedTax: Int, timings: MonteCarloTimings, simulatedRuns: Int, limitViolation: ProjectionLimitViolation? = nil,
        brief: PathBrief? = nil
    ) -> MonteCarloResult {
        MonteCarloResult(
            paths: paths, seed: seed, variants: variants, unitCount: unitCount, districtCount: districtCount,
            yearCount: yearCount, unitMetrics: unitMetrics, districtMetrics: districtMetrics, clampedTax: clampedTax, unitStatistics: unitStatistics,
            districtStatistics: districtStatistics, timings: timings, simulatedRuns: simulatedRuns,
            limitViolation: limitViolation, brief: brief)
    }

    /// Row of variant `v`, unit `i`, year index `y`, metric position `m` in `unitStatistics`.
    @inlinable public func unitRow(variant v: Int, unit i: Int, year y: Int, metric m: Int) -> Int {
        ((v * unitCount + i) * yearCount + y) * unitMetrics.count + m
    }

    /// Row of variant `v`, district `d`, year index `y`, metric position `m` in `districtStatistics`.
    @inlinable public func districtRow(variant v: Int, district d: Int, year y: Int, metric m: Int) -> Int {
        ((v * districtCount + d) * yearCount + y) * districtMetrics.count + m
    }

    /// Mean, p05, p25, p50, p75, p95 of `metric` (of fee category `category` for a
    /// per-category column) for unit `i` in year index `y` of variant `v`.
    public func statistics(variant v: Int, unit i: Int, year y: Int, metric: UnitYearColumn, category: Int? = nil) -> [Double] {
        let m = unitMetrics.firstIndex(of: UnitYearField(metric, category: category))!
        return unitStatistics[unitRow(variant: v, unit: i, year: y, metric: m)]
    }

    /// Mean, p05, p25, p50, p75, p95 of `metric` for district `d` in year index `y` of variant `v`.
    public func statistics(variant v: Int, district d: Int, year y: Int, metric: DistrictYearColumn) -> [Double] {
        let m = districtMetrics.firstIndex(of: DistrictYearField(metric))!
        return districtStatistics[districtRow(variant: v, district: d, year: y, metric: m)]
    }
}

/// Wall-clock seconds spent in each phase of a Monte Carlo run.
public struct MonteCarloTimings: Sendable, Equatable {
    /// Drawing the correlated tax shocks (including the BLAS product for a matrix).
    public var shocks = 0.0
    /// Advancing the paths through the yearly engine (donation shocks included).
    public var simulation = 0.0
    /// Means and quantiles.
    public var statistics = 0.0
    /// Everything before the first year: compiling the policies and allocating the buffers.
    public var setup = 0.0

    /// No time yet.
    public init() {}
}
