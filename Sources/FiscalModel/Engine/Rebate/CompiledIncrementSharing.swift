/// Increment sharing (税收增量比例返还, model.md §6.1) resolved per projected year.
public struct CompiledIncrementSharing: Sendable {
    /// Reference mode.
    public let reference: IncrementSharing.Reference
    /// Rebasing period k of the fixed reference.
    public let rebaseEveryYears: Int?
    /// Marginal bands in force in each projected year.
    public let bands: [BandSchedule]
    /// First-band (statutory) rate per year, the incentive term's r(t).
    public let firstRate: [Double]
    /// Reference indexation q(t) per year (0 unless fixed with `referenceGrowth`).
    public let referenceGrowth: [Double]

    /// Resolves `sharing` over `horizon`.
    public init(_ sharing: IncrementSharing, horizon: Horizon) {
        reference = sharing.reference
        rebaseEveryYears = sharing.reference == .fixed ? sharing.rebaseEveryYears : nil
        bands = horizon.years.map { year in
            BandSchedule(
                upperBounds: sharing.bands.dropLast().map { $0.upTo?.value(in: year) ?? .infinity },
                rates: sharing.bands.map { $0.rate.value(in: year) })
        }
        firstRate = bands.map { $0.rates[0] }
        if sharing.reference == .fixed, let growth = sharing.referenceGrowth {
            referenceGrowth = growth.series(over: horizon)
        } else {
            referenceGrowth = Array(repeating: 0, count: horizon.count)
        }
    }

    /// The first year of the current reference period for a unit that adopted in `alpha`: the
    /// last rebasing year, or α itself without rebasing.
    @inlinable public func periodStart(adoptionYear alpha: Int, year: Int) -> Int {
        rebaseEveryYears.map { alpha + $0 * ((year - alpha) / $0) } ?? alpha
    }
}
