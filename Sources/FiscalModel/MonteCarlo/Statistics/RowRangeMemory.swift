/// The minimum and maximum of the last row of each kind a unit's statistics read, per reported
/// variant (上一行的取值范围): the guess over which the next such row's buckets are laid
/// (`BucketSelection.findGuessed`), so that the row is read once.
///
/// A guess only decides how values are bucketed, never a statistic, so a stale or poor guess
/// costs time, not exactness. Each unit's slots are written and read only by the task that
/// handles that unit, and reads of another phase's writes are separated by the phase barrier,
/// so the memory needs no locks.
final class RowRangeMemory: @unchecked Sendable {
    /// The kinds of rows remembered.
    enum Kind: Int, CaseIterable {
        case tax, increment, rebate, reference, resources
    }

    private let ranges: Buffer
    private let units: Int

    /// Empty memory for `variants` reported variants of `units` units.
    init(variants: Int, units: Int) {
        ranges = Buffer(count: variants * units * Kind.allCases.count * 2)
        ranges.pointer.update(repeating: .nan, count: ranges.count)
        self.units = units
    }

    private func slot(_ variant: Int, _ unit: Int, _ kind: Kind) -> UnsafeMutablePointer<Double> {
        ranges.pointer + ((variant * units + unit) * Kind.allCases.count + kind.rawValue) * 2
    }

    /// The remembered range of `variant`'s `kind` row of `unit`, widened by `1/widening` of its
    /// width on either side (the next row has grown or spread a little); `nil` when none is
    /// remembered or it was a single value.
    func guess(variant: Int, unit: Int, kind: Kind, widening: Double = 8) -> (low: Double, high: Double)? {
        let range = slot(variant, unit, kind)
        let (low, high) = (range[0], range[1])
        guard low < high else { return nil }  // also false for NaN: nothing remembered
        let margin = (high - low) / widening
        return (low - margin, high + margin)
    }

    /// Remembers `range` as `variant`'s last `kind` row of `unit`.
    func remember(_ range: (minimum: Double, maximum: Double), variant: Int, unit: Int, kind: Kind) {
        let slot = slot(variant, unit, kind)
        slot[0] = range.minimum
        slot[1] = range.maximum
    }
}
