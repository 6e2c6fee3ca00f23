import RealModule

/// The delete-one-year jackknife of model.md §17 for the two-level correlation means: SE =
/// √((Y−1)/Y·Σ_t (θ_(t) − θ̄)²), and an interval on the logit scale when it can be taken.
enum Jackknife {
    /// The jackknife standard error of the replicates θ_(t).
    static func standardError(_ replicates: [Double]) -> Double {
        let count = Double(replicates.count)
        let center = SampleMoments.mean(replicates)
        return ((count - 1) / count * SampleMoments.sumOfSquaredDeviations(replicates, about: center)).squareRoot()
    }

    /// The standard error of `estimate` and its 95 % interval with critical value `critical`:
    /// expit(logit θ̂ ± t·SE_logit) when θ̂ and every replicate are inside (0, 1), else θ̂ ± t·SE.
    static func interval(estimate: Double, replicates: [Double], critical: Double) -> (standardError: Double, interval: Interval) {
        let se = standardError(replicates)
        let inside = { (value: Double) in value > 0 && value < 1 }
        guard inside(estimate), replicates.allSatisfy(inside) else {
            return (se, Interval(center: estimate, halfWidth: critical * se))
        }
        let logitSE = standardError(replicates.map(logit))
        let center = logit(estimate)
        return (se, Interval(lower: expit(center - critical * logitSE), upper: expit(center + critical * logitSE)))
    }

    static func logit(_ p: Double) -> Double { Double.log(p / (1 - p)) }

    static func expit(_ x: Double) -> Double { 1 / (1 + Double.exp(-x)) }
}
