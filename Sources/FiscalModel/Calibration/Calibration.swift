/// Estimates `growth.tax`, `growth.volatility` and the correlation of tax-growth shocks from a
/// tax history, with standard errors honest under the model's common shocks (model.md §17).
public enum Calibration {
    /// A unit needs at least this many growth observations to be used.
    public static let minimumObservations = 3
    /// The upper clip of ρ_w.
    public static let maximumCorrelation = 0.99

    /// Why nothing can be estimated.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No unit has enough growth observations.
        case noUsableUnit
        /// The repaired matrix failed the Cholesky re-check (LAPACK `dpotrf`): a defect, not the input.
        case repairFailed(CorrelationMatrix.Problem)

        /// What to do.
        public var description: String {
            switch self {
            case .noUsableUnit:
                return "no unit has \(Calibration.minimumObservations) growth observations (a growth observation needs the year and the year before, with tax > 0 in the year before); list at least 4 consecutive years for some unit"
            case .repairFailed(let problem):
                return "internal error: the repaired correlation matrix is \(problem); please report this with the history file"
            }
        }
    }

    /// The estimates of `history`, with the unit-by-unit matrix when `matrix` is true.
    public static func estimate(_ history: TaxHistory, matrix: Bool = false) throws(Failure) -> CalibrationResult {
        var notes: [CalibrationNote] = []
        let allSeries = history.units.map { GrowthSeries(tax: $0.tax) }
        let series: [GrowthSeries?] = allSeries.map { $0.count >= minimumObservations ? $0 : nil }
        var units: [UnitGrowthEstimate] = []
        for (unit, observations) in zip(history.units, allSeries) {
            var estimate = UnitGrowthEstimate(id: unit.id, districtIndex: unit.districtIndex, observations: observations.count)
            if observations.count >= minimumObservations {
                let mean = SampleMoments.mean(observations.growth)
                let sd = SampleMoments.standardDeviation(observations.growth)
                let se = sd / Double(observations.count).squareRoot()
                let t = StudentT.critical95(degreesOfFreedom: observations.count - 1)
                estimate.mean = Estimate(value: mean, standardError: se, interval: Interval(center: mean, halfWidth: t * se), count: observations.count)
                estimate.standardDeviation = sd
            } else {
                notes.append(CalibrationNote(.warning, "unit '\(unit.id)' has \(observations.count) growth observation\(observations.count == 1 ? "" : "s") (at least \(minimumObservations) needed): dropped from every estimate"))
            }
            units.append(estimate)
        }
        let used = series.compactMap { $0 }
        guard !used.isEmpty else { throw .noUsableUnit }

        let years = Array(Set(used.flatMap(\.years))).sorted()
        let tax = taxEstimate(used, years: years)
        let districts = history.units.map(\.districtIndex)
        let pairs = PairCorrelations(series: series)
        let volatility = volatilityEstimate(used, pairs: pairs)
        var within = correlationEstimate(within: true, pairs: pairs, series: series, districts: districts, years: years)
        var across = correlationEstimate(within: false, pairs: pairs, series: series, districts: districts, years: years)
        clip(within: &within, across: &across, notes: &notes)

        var result = CalibrationResult(
            units: units, growthYears: years, tax: tax, volatility: volatility, withinDistrict: within,
            acrossDistricts: across, matrix: nil, notes: notes)
        if matrix {
            let calibrated = CalibratedMatrix(pairs: pairs, size: history.units.count)
            do {
                _ = try CorrelationMatrix(size: calibrated.size, entries: calibrated.entries)
            } catch {
                throw .repairFailed(error)
            }
            result.notes += calibrated.notes(years: years.count)
            result.matrix = calibrated
        }
        result.notes.append(CalibrationNote(.note, "growth.byTag and the units' tax_growth column are not estimated: where set they still override growth.tax"))
        return result
    }

    private static func taxEstimate(_ used: [GrowthSeries], years: [Int]) -> Estimate {
        let all = used.flatMap(\.growth)
        let mean = SampleMoments.mean(all)
        let yearMeans = years.map { year in
            SampleMoments.mean(used.compactMap { series in series.years.firstIndex(of: year).map { series.growth[$0] } })
        }
        guard years.count > 1 else { return Estimate(value: mean, standardError: nil, interval: nil, count: all.count) }
        let se = SampleMoments.standardDeviation(yearMeans) / Double(years.count).squareRoot()
        let t = StudentT.critical95(degreesOfFreedom: years.count - 1)
        return Estimate(value: mean, standardError: se, interval: Interval(center: mean, halfWidth: t * se), count: all.count)
    }

    private static func volatilityEstimate(_ used: [GrowthSeries], pairs: PairCorrelations) -> Estimate {
        var squares = 0.0
        var df = 0
        for series in used {
            squares += SampleMoments.sumOfSquaredDeviations(series.growth, about: SampleMoments.mean(series.growth))
            df += series.count - 1
        }
        let sigma = (squares / Double(df)).squareRoot()
        // Σ_{i,j} R_ij² over the used units: the diagonal N, each counted pair twice.
        let n = Double(used.count)
        let sumSquares = n + 2 * pairs.pairs.reduce(0) { $0 + $1.r * $1.r }
        let se = sigma * (sumSquares / n).squareRoot() / (2 * Double(df)).squareRoot()
        return Estimate(value: sigma, standardError: se, interval: Interval(center: sigma, halfWidth: 1.96 * se), count: df)
    }

    private static func correlationEstimate(
        within: Bool, pairs: PairCorrelations, series: [GrowthSeries?], districts: [Int], years: [Int]
    ) -> CorrelationEstimate {
        let full = pairs.mean(within: within, districts: districts)
        var estimate = CorrelationEstimate(mean: full.mean, value: full.mean ?? 0, pairs: full.pairs, standardError: nil, interval: nil, replicates: 0)
        guard let mean = full.mean else { return estimate }
        let replicates = years.compactMap { year in
            PairCorrelations(series: series, excluding: year).mean(within: within, districts: districts).mean
        }
        estimate.replicates = replicates.count
        guard replicates.count > 1 else { return estimate }
        let t = StudentT.critical95(degreesOfFreedom: replicates.count - 1)
        let jackknife = Jackknife.interval(estimate: mean, replicates: replicates, critical: t)
        estimate.standardError = jackknife.standardError
        estimate.interval = jackknife.interval
        return estimate
    }

    /// A correlation for a message: at most 4 decimals, no trailing zeros.
    static func short(_ value: Double) -> String {
        ((value * 10_000).rounded() / 10_000 + 0).description
    }

    /// ρ_w ← min(max(ρ_w, 0), 0.99), then ρ_b ← min(max(ρ_b, 0), ρ_w), noting every move.
    private static func clip(within: inout CorrelationEstimate, across: inout CorrelationEstimate, notes: inout [CalibrationNote]) {
        if within.mean == nil {
            notes.append(CalibrationNote(.note, "no pair of units in the same district has \(PairCorrelations.minimumCommonYears) common growth years with non-zero variance: withinDistrict is set to 0"))
        }
        if across.mean == nil {
            notes.append(CalibrationNote(.note, "no pair of units in different districts has \(PairCorrelations.minimumCommonYears) common growth years with non-zero variance (e.g. one district): acrossDistricts is set to 0"))
        }
        let clippedWithin = min(max(within.value, 0), maximumCorrelation)
        if clippedWithin != within.value {
            notes.append(CalibrationNote(.warning, "withinDistrict \(short(within.value)) clipped to \(short(clippedWithin)) (the model needs 0 ≤ acrossDistricts ≤ withinDistrict ≤ 0.99)"))
            within.value = clippedWithin
        }
        let clippedAcross = min(max(across.value, 0), within.value)
        if clippedAcross != across.value {
            notes.append(CalibrationNote(.warning, "acrossDistricts \(short(across.value)) clipped to \(short(clippedAcross)) (the model needs 0 ≤ acrossDistricts ≤ withinDistrict ≤ 0.99)"))
            across.value = clippedAcross
        }
    }
}
