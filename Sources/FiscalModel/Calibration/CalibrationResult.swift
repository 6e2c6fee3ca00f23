/// What `fiscal-sim calibrate` estimates from a tax history (model.md §17).
public struct CalibrationResult: Sendable, Equatable {
    /// Every unit of the scenario in file order, dropped ones included.
    public var units: [UnitGrowthEstimate]
    /// The growth years t (with at least one observation of a used unit), ascending: Y of them.
    public var growthYears: [Int]
    /// `growth.tax`: the mean over all observations; SE sd_t(ḡ_t)/√Y, t on Y − 1 df.
    public var tax: Estimate
    /// `growth.volatility` σ̂ (count = Σ(n_i − 1), its degrees of freedom); interval ± 1.96·SE.
    public var volatility: Estimate
    /// `growth.correlation.withinDistrict` ρ̂_w.
    public var withinDistrict: CorrelationEstimate
    /// `growth.correlation.acrossDistricts` ρ̂_b.
    public var acrossDistricts: CorrelationEstimate
    /// The unit-by-unit matrix for `correlation.csv`, when asked for.
    public var matrix: CalibratedMatrix?
    /// Notes and warnings, in the order found.
    public var notes: [CalibrationNote]

    /// The units that enter the estimates.
    public var usedUnits: [UnitGrowthEstimate] { units.filter { !$0.isDropped } }

    /// The total number of growth observations of the used units.
    public var observationCount: Int { usedUnits.reduce(0) { $0 + $1.observations } }
}

/// The residual correlation matrix over every unit of the scenario (dropped units and
/// uncounted pairs 0), repaired to the nearest correlation matrix when it is not positive
/// definite.
public struct CalibratedMatrix: Sendable, Equatable {
    /// The matrix size (units of the scenario).
    public var size: Int
    /// The matrix to write, row-major: symmetric, unit diagonal, positive definite.
    public var entries: [Double]
    /// The sample matrix before any repair.
    public var sample: [Double]
    /// The repair, nil when the sample matrix was already positive definite (smallest
    /// eigenvalue ≥ 1e-8) and is written as it is.
    public var repair: NearestCorrelation?
    /// The smallest eigenvalue of the sample matrix.
    public var smallestSampleEigenvalue: Double
    /// Off-diagonal pairs (i < j) set to 0 because they were not counted or a unit was dropped.
    public var zeroedPairs: Int
}
