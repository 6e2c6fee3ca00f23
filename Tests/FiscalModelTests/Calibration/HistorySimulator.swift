import FiscalModel
import Foundation

/// Simulated tax histories under the model's own shocks (model.md §8): every unit shares the year's
/// common factor f(t) and its district's factor f_d(t),
/// z_i = √ρ_b·f + √(ρ_w−ρ_b)·f_d + √(1−ρ_w)·η_i, g_i(t) = μ + σ·z_i(t).
struct HistorySimulator {
    var districts = 3
    var unitsPerDistrict = 5
    var years = 15
    var mean = 0.05
    var volatility = 0.03
    var withinDistrict = 0.5
    var acrossDistricts = 0.2
    var firstYear = 2010

    /// One history drawn with `seed` (tax 1000 in the first year).
    func history(seed: UInt64) -> TaxHistory {
        var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
        var normals = BoxMullerNormals()
        var units: [TaxHistory.Unit] = []
        let common = (1..<years).map { _ in normals.next(&generator) }
        for district in 0..<districts {
            let shared = (1..<years).map { _ in normals.next(&generator) }
            for index in 0..<unitsPerDistrict {
                var tax = [firstYear: 1000.0]
                var level = 1000.0
                for step in 1..<years {
                    let z = acrossDistricts.squareRoot() * common[step - 1]
                        + (withinDistrict - acrossDistricts).squareRoot() * shared[step - 1]
                        + (1 - withinDistrict).squareRoot() * normals.next(&generator)
                    level *= 1 + mean + volatility * z
                    tax[firstYear + step] = level
                }
                units.append(TaxHistory.Unit(id: "d\(district)-u\(index)", districtIndex: district, tax: tax))
            }
        }
        return TaxHistory(units: units, districtCount: districts)
    }
}

/// Standard normals by Box–Muller from a seeded generator.
struct BoxMullerNormals {
    private var spare: Double?

    mutating func next(_ generator: inout SplitMix64) -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        spare = radius * Foundation.sin(2 * Double.pi * u2)
        return radius * Foundation.cos(2 * Double.pi * u2)
    }
}

/// A history from explicit growth rates per unit (tax 100 in the year before the first rate).
func history(_ growth: [String: [Double?]], districts: [String: Int] = [:], firstYear: Int = 2021) -> TaxHistory {
    let units = growth.keys.sorted().map { id in
        var tax = [firstYear - 1: 100.0]
        var level = 100.0
        for (offset, rate) in growth[id]!.enumerated() {
            guard let rate else {
                level = 100
                continue
            }
            level *= 1 + rate
            tax[firstYear + offset] = level
        }
        return TaxHistory.Unit(id: id, districtIndex: districts[id] ?? 0, tax: tax)
    }
    return TaxHistory(units: units, districtCount: (districts.values.max() ?? 0) + 1)
}
