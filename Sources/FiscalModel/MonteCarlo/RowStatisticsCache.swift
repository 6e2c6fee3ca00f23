import Glibc

/// The statistics of one earlier row per unit, with that row's values, so that a row whose
/// values are bit for bit the same (a fixed reference between rebases, the tax of a unit the
/// reform does not touch) takes its statistics from the cache instead of a selection.
///
/// The statistics are a pure function of a row's bits, so a hit gives exactly what `compute`
/// would: a hit is decided by comparing every value, never assumed from the model. Each unit's
/// slot is written and read only by the task that handles that unit, and reads of another
/// phase's writes are separated by the phase barrier, so the cache needs no locks.
public final class RowStatisticsCache: @unchecked Sendable {
    private let rows: Buffer
    private let statistics: Buffer
    private let filled: IndexBuffer
    private let paths: Int

    /// A cache for `units` rows of `paths` values.
    public init(units: Int, paths: Int) {
        rows = Buffer(count: units * paths)
        statistics = Buffer(count: units * RowStatistics.count)
        filled = IndexBuffer(count: units)
        self.paths = paths
    }

    /// Copies the cached statistics of `unit` into `out` and returns `true` when the cached row
    /// equals `values` bit for bit; returns `false`, writing nothing, otherwise.
    public func lookup(unit: Int, _ values: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) -> Bool {
        guard filled.pointer[unit] != 0 else { return false }
        let cached = UnsafeRawPointer(rows.pointer + unit * paths)
        guard memcmp(cached, UnsafeRawPointer(values), paths * MemoryLayout<Double>.stride) == 0 else { return false }
        out.update(from: statistics.pointer + unit * RowStatistics.count, count: RowStatistics.count)
        return true
    }

    /// Remembers `values` and its statistics `stats` for `unit`.
    public func store(unit: Int, _ values: UnsafePointer<Double>, statistics stats: UnsafePointer<Double>) {
        (rows.pointer + unit * paths).update(from: values, count: paths)
        (statistics.pointer + unit * RowStatistics.count).update(from: stats, count: RowStatistics.count)
        filled.pointer[unit] = 1
    }

    /// The statistics of `values` for `unit`: from the cache when the row is unchanged,
    /// otherwise computed by `compute(out)` and remembered.
    public func statistics(
        unit: Int, _ values: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
        compute: (UnsafeMutablePointer<Double>) -> Void
    ) {
        if lookup(unit: unit, values, into: out) { return }
        compute(out)
        store(unit: unit, values, statistics: UnsafePointer(out))
    }
}
