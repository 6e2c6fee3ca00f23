import FiscalModel

/// What a summary line says about one wave (推开批次) of a run, in years and numbers, before it
/// is worded in English (`WaveReport.describe`) or Chinese (`WaveReport.describeChinese`).
enum WaveOutcome {
    /// Monte Carlo: by the last year `end`, the percent of paths adopted and abandoned (one
    /// decimal, the scenario's rounding) and the mean adoption year (`nil` when none adopts).
    case shares(end: Int, adopted: String, meanYear: String?, abandoned: String)
    /// Adopted in `year`: `condition` (the wave's `when`) held in the evidence years first…last.
    case held(year: Int, condition: WaveCondition?, first: Int, last: Int)
    /// Adopted in `year` at the deadline, its condition never having held.
    case deadline(year: Int)
    /// Abandoned in `year`: `condition` (its `stopWhen`) held in the evidence years first…last.
    case stopped(year: Int, condition: WaveCondition?, first: Int, last: Int)
    /// Abandoned in `year` because the wave it follows (`after`) was abandoned.
    case followed(year: Int, wave: String)
    /// Still undecided after the last projected year `end`.
    case notAdopted(end: Int)
}

extension WaveReport {
    /// The outcome of `wave` (`plan`: its resolved wave, for the conditions).
    func outcome(_ wave: WaveResult, plan: WavePlan.ResolvedWave?) -> WaveOutcome {
        let horizon = scenario.horizon
        if isMonteCarlo {
            let percent = MoneyRounding(precision: 1, rule: scenario.rounding)
            let last = horizon.count - 1
            return .shares(
                end: horizon.endYear, adopted: percent.text(100 * wave.adoptedShare(throughYearIndex: last)),
                meanYear: wave.meanAdoptionIndex.map { percent.text(Double(horizon.firstYear) + $0) },
                abandoned: percent.text(100 * wave.abandonedShare(throughYearIndex: last)))
        }
        switch wave.reason {
        case .when(let first, let last)?:
            return .held(year: horizon.year(at: wave.adoptedIndex!), condition: plan?.when.condition,
                         first: horizon.year(at: first), last: horizon.year(at: last))
        case .deadline?:
            return .deadline(year: horizon.year(at: wave.adoptedIndex!))
        case .stopWhen(let first, let last)?:
            return .stopped(year: horizon.year(at: wave.abandonedIndex!), condition: plan?.stopWhen?.condition,
                            first: horizon.year(at: first), last: horizon.year(at: last))
        case .afterAbandoned(let other)?:
            return .followed(year: horizon.year(at: wave.abandonedIndex!), wave: other)
        case .notAdopted?, nil:
            return .notAdopted(end: horizon.endYear)
        }
    }
}
