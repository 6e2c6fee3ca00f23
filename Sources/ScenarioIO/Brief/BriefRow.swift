import FiscalModel
import Foundation

/// One row of a deterministic run's brief (简报, model.md §22): for one variant and one district
/// (or `all`), the yearly reform effect read as a planner reads it — its total, the loss
/// years and the worst one, when it pays back, when the district's capacity limit binds — and
/// the streets still short of money in the last year.
public struct BriefRow: Sendable, Equatable {
    /// Variant name.
    public var variant: String
    /// District id, or `all` for the variant's total row.
    public var district: String
    /// District name (`all` on the total row), for people.
    public var districtName: String
    /// The projected years.
    public var years: [Int]
    /// The yearly reform effect as written in `districts.csv` (the `all` row: their sums).
    public var yearlyReformEffect: [ScaledAmount]
    /// The lowest capacity factor φ of each year (the `all` row: over its districts).
    public var yearlyCapacityFactor: [Double]
    /// Σ of the rounded yearly reform effects.
    public var reformEffectTotal: ScaledAmount
    /// Years whose rounded reform effect is negative.
    public var lossYears: [Int]
    /// The year of the lowest rounded reform effect (the earliest on ties).
    public var worstYear: Int
    /// The lowest rounded yearly reform effect.
    public var worstReformEffect: ScaledAmount
    /// The worst year's reform effect over its counterfactual net revenue (unrounded values);
    /// `nil` when that revenue is 0.
    public var worstShareOfRevenue: Double?
    /// The first year from which the cumulative reform effect stays ≥ 0; `nil` when it ends < 0.
    public var paybackYear: Int?
    /// Years with φ < 1.
    public var capacityBindingYears: [Int]
    /// The lowest φ over the horizon (1 when never binding).
    public var minCapacityFactor: Double
    /// Σ_t reform effect(t)·(1+r)^−(t−b) of the unrounded values, rounded once.
    public var presentValue: ScaledAmount
    /// Names of the units whose rounded gap is negative in the last year, in file order, with
    /// those gaps.
    public var gapUnits: [GapUnit]
    /// `name:category` of the units whose fee coverage F/Q is below 1 in the last year.
    public var uncoveredTasks: [String]

    /// Units with a gap in the last year.
    public var unitsWithGap: Int { gapUnits.count }
    /// Σ of the gap units' rounded last-year gaps.
    public var gapTotal: ScaledAmount { gapUnits.reduce(ScaledAmount(units: 0, precision: reformEffectTotal.precision)) { $0 + $1.gap } }

    /// A street with a funding gap (财力缺口) in the last year.
    public struct GapUnit: Sendable, Equatable {
        /// The unit's name.
        public var name: String
        /// Its rounded last-year gap (negative).
        public var gap: ScaledAmount
    }
}

extension BriefRow {
    /// The yearly series of one district (or their sum) from which a row is read.
    struct Series {
        /// Projected years.
        var years: [Int]
        /// Rounded yearly reform effect (the `districts.csv` cells, or their sums).
        var rounded: [ScaledAmount]
        /// Unrounded yearly reform effect.
        var reformEffect: [Double]
        /// Unrounded yearly counterfactual net revenue.
        var counterfactualNetRevenue: [Double]
        /// Lowest φ per year.
        var capacityFactor: [Double]
    }

    /// The row of `series`, with the last-year gap units and uncovered tasks already found.
    init(
        variant: String, district: String, districtName: String, series s: Series, baseYear: Int, discountRate: Double,
        rounding: MoneyRounding, gapUnits: [GapUnit], uncoveredTasks: [String]
    ) {
        self.variant = variant
        self.district = district
        self.districtName = districtName
        years = s.years
        yearlyReformEffect = s.rounded
        yearlyCapacityFactor = s.capacityFactor
        let zero = ScaledAmount(units: 0, precision: rounding.precision)
        reformEffectTotal = s.rounded.reduce(zero, +)
        lossYears = s.years.indices.filter { s.rounded[$0].units < 0 }.map { s.years[$0] }
        let worst = s.rounded.indices.min { s.rounded[$0] < s.rounded[$1] } ?? 0
        worstYear = s.years[worst]
        worstReformEffect = s.rounded[worst]
        let revenue = s.counterfactualNetRevenue[worst]
        worstShareOfRevenue = revenue == 0 ? nil : s.reformEffect[worst] / revenue
        paybackYear = Self.paybackYear(years: s.years, yearly: s.rounded, zero: zero)
        capacityBindingYears = s.years.indices.filter { s.capacityFactor[$0] < 1 }.map { s.years[$0] }
        minCapacityFactor = min(1, s.capacityFactor.min() ?? 1)
        var discounted = 0.0
        for (y, year) in s.years.enumerated() {
            discounted += s.reformEffect[y] * PathBrief.discount(rate: discountRate, yearsAfterBase: year - baseYear)
        }
        presentValue = rounding.round(discounted)
        self.gapUnits = gapUnits
        self.uncoveredTasks = uncoveredTasks
    }

    /// The first year from which the running total of `yearly` stays ≥ 0 to the end, or `nil`
    /// when the total ends below 0.
    static func paybackYear(years: [Int], yearly: [ScaledAmount], zero: ScaledAmount) -> Int? {
        var running = zero
        var from: Int?
        for (year, value) in zip(years, yearly) {
            running = running + value
            if running.units < 0 {
                from = nil
            } else if from == nil {
                from = year
            }
        }
        return from
    }
}
