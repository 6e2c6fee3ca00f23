import FiscalModel
import Testing

/// The column store of a variant's unit-years (issue 22) gives back exactly the rows put in.
@Suite("UnitYearTable: unit-years held column by column read back as the rows (issue 22)")
struct UnitYearTableTests {
    /// `units × years` rows with `fees` categories, values drawn from `seed`.
    static func rows(seed: UInt64, units: Int, years: Int, fees: Int) -> [[UnitYear]] {
        var random = RandomScenario(seed: seed)
        return (0..<units).map { i in
            (0..<years).map { y in
                UnitYear(
                    unit: i, year: 2026 + y, adopted: random.chance(0.5), tax: random.double(-1e6...1e6),
                    reference: random.chance(0.3) ? nil : random.double(0...1e4), increment: random.double(-10...10),
                    rebate: random.double(0...500), allocation: random.double(0...900),
                    fees: (0..<fees).map { _ in random.double(0...100) }, taskCosts: (0..<fees).map { _ in random.double(0...50) },
                    donations: random.double(0...30), enterpriseIncome: random.double(0...70),
                    collectiveIncome: random.double(0...5), need: random.double(0...2000))
            }
        }
    }

    @Test(arguments: [(UInt64(1), 7, 5, 2), (2, 1, 1, 0), (3, 40, 10, 3), (4, 0, 0, 1)])
    func rowsReadBackAsPutIn(seed: UInt64, units: Int, years: Int, fees: Int) {
        let rows = Self.rows(seed: seed, units: units, years: years, fees: fees)
        let table = UnitYearTable(rows)
        #expect(table.count == units, "seed \(seed)")
        for i in 0..<units {
            #expect(table[i].count == years, "seed \(seed)")
            #expect(Array(table[i]) == rows[i], "seed \(seed): unit \(i)")
            for y in 0..<years {
                #expect(table.donations(unit: i, year: y) == rows[i][y].donations, "seed \(seed)")
                // Values read in place are the row's, derived ones bit for bit (the comparison's gaps and ratios).
                let stored = table.values(unit: i, year: y), row = rows[i][y]
                #expect(stored.year == row.year && stored.adopted == row.adopted && stored.reference == row.reference, "seed \(seed)")
                #expect(stored.feesTotal.bitPattern == row.feesTotal.bitPattern, "seed \(seed)")
                #expect(stored.resources.bitPattern == row.resources.bitPattern, "seed \(seed)")
                #expect(stored.gap.bitPattern == row.gap.bitPattern, "seed \(seed)")
                #expect(stored.selfSufficiency?.bitPattern == row.selfSufficiency?.bitPattern, "seed \(seed)")
                for k in 0..<fees { #expect(table.fee(k, unit: i, year: y) == rows[i][y].fees[k], "seed \(seed)") }
            }
        }
        #expect(table == UnitYearTable(rows), "seed \(seed): equal values, equal tables (missing references included)")
        guard units > 0, years > 0 else { return }
        var changed = rows
        changed[units - 1][years - 1].need += 1
        #expect(table != UnitYearTable(changed), "seed \(seed): a changed need must show")
        changed = rows
        changed[0][0].reference = changed[0][0].reference == nil ? 0 : nil
        #expect(table != UnitYearTable(changed), "seed \(seed): a reference present or not must show")
    }

    @Test(arguments: 0..<20)
    func projectionRowsAddUpToTheirDistricts(seed: UInt64) {
        var random = RandomScenario(seed: seed)
        let scenario = random.scenario()
        for variant in Simulation(scenario).runDeterministic().variants {
            #expect(variant.units.count == scenario.units.count, "seed \(seed)")
            for (d, members) in scenario.unitsByDistrict.enumerated() {
                for (y, row) in variant.districts[d].enumerated() {
                    let tax = members.reduce(0.0) { $0 + variant.units[$1][y].tax }
                    let need = members.reduce(0.0) { $0 + variant.units[$1][y].need }
                    #expect(tax == row.tax && need == row.need, "seed \(seed) \(variant.name) district \(d) year \(y)")
                    for i in members {
                        #expect(variant.units[i][y].unit == i && variant.units[i][y].year == scenario.horizon.year(at: y), "seed \(seed)")
                    }
                }
            }
        }
    }
}
