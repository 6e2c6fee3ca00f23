import FiscalModel
import Foundation
import Testing

/// Hand-computed estimates, standard errors and edge cases of model.md §17.
@Suite struct CalibrationTests {
    /// Two units, four growth years: every number below is worked out by hand.
    @Test func handComputedEstimates() throws {
        let result = try Calibration.estimate(history(["a": [0.1, 0.0, 0.2, 0.1], "b": [0.05, 0.05, 0.15, 0.05]]))
        #expect(result.growthYears == [2021, 2022, 2023, 2024])
        expectAmount(result.tax.value, 0.0875, tolerance: 1e-14, "growth.tax")
        // Yearly means 0.075, 0.025, 0.175, 0.075: Σ(ḡ − 0.0875)² = 0.011875, sd = √(0.011875/3), SE = sd/2.
        expectAmount(result.tax.standardError, (0.011875 / 3).squareRoot() / 2, tolerance: 1e-14, "SE of growth.tax")
        let t3 = 3.1824463052837078  // scipy.stats.t.ppf(0.975, 3)
        expectAmount(result.tax.interval?.upper, 0.0875 + t3 * (0.011875 / 3).squareRoot() / 2, tolerance: 1e-12, "upper end")
        let sigma = (0.0275 / 6).squareRoot()
        expectAmount(result.volatility.value, sigma, tolerance: 1e-14, "volatility")
        #expect(result.volatility.count == 6)
        // R_ab = 0.01/√(0.02·0.0075) = √(2/3): Σ_ij R² / N = (2 + 2·2/3)/2.
        expectAmount(result.volatility.standardError, sigma * (5.0 / 3).squareRoot() / 12.0.squareRoot(), tolerance: 1e-14, "SE of volatility")
        expectAmount(result.volatility.interval?.lower, sigma - 1.96 * sigma * (5.0 / 3).squareRoot() / 12.0.squareRoot(), tolerance: 1e-14, "volatility lower")
        expectAmount(result.withinDistrict.mean, (2.0 / 3).squareRoot(), tolerance: 1e-14, "withinDistrict")
        #expect(result.withinDistrict.pairs == 1)
        #expect(result.acrossDistricts.mean == nil && result.acrossDistricts.value == 0)
        #expect(result.notes.contains { $0.message.contains("acrossDistricts is set to 0") })
        let a = result.units[0]
        expectAmount(a.mean?.value, 0.1, tolerance: 1e-14, "mean of a")
        expectAmount(a.standardDeviation, (0.02 / 3).squareRoot(), tolerance: 1e-14, "sd of a")
        expectAmount(a.mean?.standardError, (0.02 / 3).squareRoot() / 2, tolerance: 1e-14, "SE of a")
        expectAmount(result.units[1].standardDeviation, 0.05, tolerance: 1e-14, "sd of b")
    }

    /// The jackknife replicates, each a pair correlation on four years, recomputed naively:
    /// on the logit scale when all are inside (0, 1), plain ± t·SE when one is negative.
    @Test(arguments: [
        ([0.06, 0.02, 0.15, 0.09, 0.01], true),  // replicates 0.80…0.97
        ([0.05, 0.07, 0.15, 0.02, 0.06], false),  // one replicate is −0.81
    ])
    func jackknifeOfTheCorrelation(b: [Double], logitScale: Bool) throws {
        let a = [0.1, 0.0, 0.2, 0.1, 0.05]
        let result = try Calibration.estimate(history(["a": a, "b": b]))
        func pearson(_ x: [Double], _ y: [Double]) -> Double {
            let n = Double(x.count)
            let sx = x.reduce(0, +), sy = y.reduce(0, +)
            let sxy = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            let sxx = x.reduce(0) { $0 + $1 * $1 }, syy = y.reduce(0) { $0 + $1 * $1 }
            return (n * sxy - sx * sy) / ((n * sxx - sx * sx) * (n * syy - sy * sy)).squareRoot()
        }
        let replicates = (0..<5).map { t in
            pearson(a.enumerated().filter { $0.offset != t }.map(\.element), b.enumerated().filter { $0.offset != t }.map(\.element))
        }
        func jackknifeSE(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / 5
            return (0.8 * values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
        }
        let estimate = pearson(a, b)
        expectAmount(result.withinDistrict.mean, estimate, tolerance: 1e-12, "withinDistrict")
        expectAmount(result.withinDistrict.standardError, jackknifeSE(replicates), tolerance: 1e-9, "jackknife SE")
        #expect(result.withinDistrict.replicates == 5)
        let t4 = 2.7764451051977934  // scipy.stats.t.ppf(0.975, 4)
        let logit = { (p: Double) in Foundation.log(p / (1 - p)) }
        let upper = logitScale
            ? 1 / (1 + Foundation.exp(-(logit(estimate) + t4 * jackknifeSE(replicates.map(logit)))))
            : estimate + t4 * jackknifeSE(replicates)
        expectAmount(result.withinDistrict.interval?.upper, upper, tolerance: 1e-9, "upper end")
    }

    /// A growth observation needs both years and tax > 0 in the year before; fewer than 3 drops the unit.
    @Test func observationsZeroTaxAndDroppedUnits() throws {
        let series = GrowthSeries(tax: [2019: 0, 2020: 5, 2021: 6, 2023: 7, 2024: 8, 2025: 0])
        // 2020 follows a zero, 2023 a missing year: observations in 2021, 2024 and 2025 only.
        #expect(series.years == [2021, 2024, 2025])
        #expect(series.growth[2] == -1)
        let result = try Calibration.estimate(history(["a": [0.1, 0.2, 0.3, 0.1], "b": [0.2, 0.1, 0.0, 0.3], "c": [0.1, nil, 0.2, 0.3]]), matrix: true)
        #expect(result.units.map(\.observations) == [4, 4, 2])
        #expect(result.units[2].isDropped)
        #expect(result.usedUnits.count == 2)
        #expect(result.observationCount == 8)
        #expect(result.notes.contains { $0.kind == .warning && $0.message.contains("unit 'c' has 2 growth observations") })
        #expect(result.matrix?.zeroedPairs == 2)
        #expect(result.matrix?.sample[2] == 0 && result.matrix?.sample[5] == 0)
    }

    /// Pairs with zero variance in either unit, or fewer than 3 common years, are not counted.
    @Test func uncountedPairs() throws {
        let result = try Calibration.estimate(history([
            "a": [0.1, 0.1, 0.1, 0.1], "b": [0.2, 0.1, 0.0, 0.3], "c": [0.1, 0.3, 0.2, nil, 0.2, 0.1, 0.4],
        ]))
        // a is constant; b and c share the years 2021–2023 only… c's 2025 has no 2024 before it.
        #expect(result.withinDistrict.pairs == 1)
        let one = try Calibration.estimate(history(["b": [0.2, 0.1, 0.0, nil, nil], "c": [nil, 0.1, 0.3, 0.2, 0.4]]))
        #expect(one.withinDistrict.pairs == 0)
        #expect(one.withinDistrict.value == 0)
    }

    /// ρ_w is clipped to [0, 0.99] first, then ρ_b to [0, ρ_w]; the interval stays about the mean.
    @Test func clippingOrder() throws {
        // Two districts: within-district pairs move against each other, across pairs together.
        let up = [0.1, 0.2, 0.0, 0.3, 0.1]
        let down = up.map { 0.2 - $0 }
        let result = try Calibration.estimate(history(
            ["a": up, "b": down, "c": up, "d": down], districts: ["a": 0, "b": 0, "c": 1, "d": 1]))
        let within = try #require(result.withinDistrict.mean)
        #expect(within < 0)
        #expect(result.withinDistrict.value == 0)
        #expect((result.acrossDistricts.mean ?? 0) > 0 || result.acrossDistricts.mean == 0)
        #expect(result.acrossDistricts.value == 0)
        #expect(result.notes.contains { $0.message.hasPrefix("withinDistrict") && $0.message.contains("clipped to 0") })
        // Identical histories everywhere: ρ_w = 1 is clipped to 0.99.
        let same = try Calibration.estimate(history(["a": up, "b": up]))
        #expect(same.withinDistrict.value == 0.99)
    }

    @Test func noUsableUnitIsAnError() {
        #expect(throws: Calibration.Failure.noUsableUnit) {
            try Calibration.estimate(history(["a": [0.1, 0.2], "b": [0.1]]))
        }
    }
}
