import FiscalModel
import Foundation
import Testing

/// Histories simulated from known parameters under the model's common shocks (model.md §8):
/// the reported 95 % intervals must hold the truth in at least 90 of 100 seeded histories, and
/// the median reported SE must be at most twice the spread of the estimates (honest, not wide).
@Suite struct CalibrationRecoveryTests {
    /// One estimated parameter over the seeded histories.
    struct Tally {
        var name: String
        var truth: Double
        var covered = 0
        var missedSeeds: [UInt64] = []
        var estimates: [Double] = []
        var errors: [Double] = []

        mutating func add(_ value: Double?, _ se: Double?, _ interval: Interval?, seed: UInt64) {
            guard let value, let se, let interval else {
                missedSeeds.append(seed)
                return
            }
            estimates.append(value)
            errors.append(se)
            if interval.contains(truth) { covered += 1 } else { missedSeeds.append(seed) }
        }

        var spread: Double { SampleMoments.standardDeviation(estimates) }
        var medianSE: Double {
            let sorted = errors.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    static let designs: [(String, HistorySimulator)] = [
        ("3 districts × 5 units, 15 years", HistorySimulator()),
        ("2 districts × 6 units, 10 years, strong shocks", HistorySimulator(
            districts: 2, unitsPerDistrict: 6, years: 10, mean: 0.06, volatility: 0.05, withinDistrict: 0.7, acrossDistricts: 0.4)),
        ("4 districts × 3 units, 20 years, weak correlation", HistorySimulator(
            districts: 4, unitsPerDistrict: 3, years: 20, mean: 0.04, volatility: 0.02, withinDistrict: 0.3, acrossDistricts: 0.1)),
        ("3 districts × 10 units, 8 years, high correlation", HistorySimulator(
            districts: 3, unitsPerDistrict: 10, years: 8, mean: 0.07, volatility: 0.04, withinDistrict: 0.8, acrossDistricts: 0.5)),
        ("2 districts × 4 units, 6 years (fewer years than units)", HistorySimulator(
            districts: 2, unitsPerDistrict: 4, years: 6, mean: 0.05, volatility: 0.03, withinDistrict: 0.6, acrossDistricts: 0.3)),
    ]

    @Test(arguments: 0..<designs.count)
    func intervalsCoverTheTruth(design: Int) throws {
        let (label, simulator) = Self.designs[design]
        var tallies = [
            Tally(name: "growth.tax", truth: simulator.mean), Tally(name: "growth.volatility", truth: simulator.volatility),
            Tally(name: "withinDistrict", truth: simulator.withinDistrict), Tally(name: "acrossDistricts", truth: simulator.acrossDistricts),
        ]
        var unitCovered = 0
        var unitTotal = 0
        for seed in UInt64(1)...100 {
            let result = try Calibration.estimate(simulator.history(seed: seed &+ UInt64(design) &* 1000))
            tallies[0].add(result.tax.value, result.tax.standardError, result.tax.interval, seed: seed)
            tallies[1].add(result.volatility.value, result.volatility.standardError, result.volatility.interval, seed: seed)
            for (index, c) in [result.withinDistrict, result.acrossDistricts].enumerated() {
                tallies[2 + index].add(c.mean, c.standardError, c.interval, seed: seed)
            }
            for unit in result.units {
                unitTotal += 1
                if unit.mean?.interval?.contains(simulator.mean) == true { unitCovered += 1 }
            }
        }
        for tally in tallies {
            print("recovery [\(label)] \(tally.name): \(tally.covered)/100 covered, median SE \(tally.medianSE), sd of estimates \(tally.spread)")
            #expect(tally.covered >= 90, "[\(label)] \(tally.name): the 95 % interval holds \(tally.truth) in \(tally.covered)/100 histories; missed seeds \(tally.missedSeeds)")
            #expect(tally.medianSE <= 2 * tally.spread, "[\(label)] \(tally.name): median SE \(tally.medianSE) > 2 × sd of the estimates \(tally.spread)")
        }
        // Each unit's own mean: t intervals on n_i − 1 df, about 95 % of all unit-histories.
        #expect(Double(unitCovered) >= 0.92 * Double(unitTotal), "[\(label)] unit means covered \(unitCovered)/\(unitTotal)")
    }
}
