import FiscalModel
import Testing

/// model.md §10's invariants over many generated scenarios; a failure names the seed to replay.
@Suite("Invariants over generated scenarios (model.md §10)")
struct InvariantTests {
    static let seeds = UInt64(1)...UInt64(250)

    @Test func moneyIsConservedAndRebatesStayWithinIncrements() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            let result = Simulation(random.scenario()).runDeterministic()
            for variant in result.variants {
                for districtYears in variant.districts {
                    for row in districtYears {
                        for k in row.feesCollected.indices {
                            expectAmount(row.feesTransferred[k] + row.feesRetained[k], row.feesCollected[k], tolerance: 1e-7, "seed \(seed) \(variant.name) fee \(k) \(row.year)")
                            #expect(row.feesTransferred[k] <= row.feesCollected[k] * (1 + 1e-12), "seed \(seed): more transferred than collected")
                        }
                        expectAmount(row.donationsAllocated + row.donationsRetained + row.donationsReserve, row.donationsPooled, tolerance: 1e-7, "seed \(seed) \(variant.name) donations \(row.year)")
                        #expect(row.donationsRetained >= -1e-7, "seed \(seed) \(variant.name) \(row.year): negative retained donations")
                        #expect(row.capacityFactor > 0 && row.capacityFactor <= 1, "seed \(seed): φ = \(row.capacityFactor)")
                    }
                }
                for unitYears in variant.units {
                    for row in unitYears {
                        #expect(row.rebate >= 0, "seed \(seed) \(variant.name) unit \(row.unit) \(row.year): negative rebate")
                        #expect(row.rebate <= row.increment * (1 + 1e-12) + 1e-12, "seed \(seed) \(variant.name) unit \(row.unit) \(row.year): rebate \(row.rebate) > increment \(row.increment)")
                        #expect(row.tax >= 0, "seed \(seed): negative tax")
                    }
                }
            }
        }
    }

    @Test func rebateIsNonDecreasingInEveryBandRate() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            var scenario = random.scenario()
            guard var rebate = scenario.reform.rebate, case .increment(var sharing) = rebate.rule else { continue }
            scenario.reform.incentiveElasticity = .zero
            let band = random.int(0...sharing.bands.count - 1)
            let raised = min(1, sharing.bands[band].rate.values.max()! + random.double(0.01...0.5))
            var higher = scenario
            sharing.bands[band].rate = StepFunction(raised)
            rebate.rule = .increment(sharing)
            higher.reform.rebate = rebate
            var lower = scenario
            sharing.bands[band].rate = StepFunction(raised * 0.5)
            lower.reform.rebate!.rule = .increment(sharing)
            // Statutory rebates: without capacity limits, per unit.
            var noCapacity = lower
            noCapacity.reform.capacities = noCapacity.reform.capacities.map { _ in .unlimited }
            var noCapacityHigher = higher
            noCapacityHigher.reform.capacities = noCapacity.reform.capacities
            let a = Fixture.reform(noCapacity), b = Fixture.reform(noCapacityHigher)
            for (i, (low, high)) in zip(a.units, b.units).enumerated() {
                for (x, y) in zip(low, high) {
                    #expect(y.rebate >= x.rebate - 1e-9, "seed \(seed) unit \(i) \(x.year): rebate fell from \(x.rebate) to \(y.rebate) when band \(band)'s rate rose")
                }
            }
            // District totals, with capacity limits.
            let c = Fixture.reform(lower), d = Fixture.reform(higher)
            for (low, high) in zip(c.districts, d.districts) {
                for (x, y) in zip(low, high) {
                    #expect(y.rebates >= x.rebates - 1e-9, "seed \(seed) district \(x.district) \(x.year): total fell from \(x.rebates) to \(y.rebates)")
                }
            }
        }
    }

    @Test func counterfactualDoesNotDependOnAnyPolicyParameter() {
        for seed in Self.seeds {
            var random = RandomScenario(seed: seed)
            let scenario = random.scenario()
            var other = random.policy(horizon: scenario.horizon, districts: scenario.districts.count, units: scenario.units)
            // Keep the drivers, change every policy parameter.
            other.taxGrowth = scenario.reform.taxGrowth
            other.allocationIndexation = scenario.reform.allocationIndexation
            other.collectiveGrowth = scenario.reform.collectiveGrowth
            other.needs = scenario.reform.needs
            for (k, fee) in scenario.reform.lineFees.enumerated() where k < other.lineFees.count {
                other.lineFees[k].growth = fee.growth
                other.lineFees[k].collectedColumn = fee.collectedColumn
            }
            other.lineFees = Array(other.lineFees.prefix(scenario.reform.lineFees.count))
            while other.lineFees.count < scenario.reform.lineFees.count {
                var fee = scenario.reform.lineFees[other.lineFees.count]
                fee.transferShare = StepFunction(0.123)
                other.lineFees.append(fee)
            }
            if let donations = scenario.reform.donations {
                var changed = other.donations ?? donations
                changed.sources = donations.sources
                other.donations = changed
            } else {
                other.donations = nil
            }
            var changedScenario = scenario
            changedScenario.reform = other
            let a = Simulation(scenario).runDeterministic().variant("counterfactual")!
            let b = Simulation(changedScenario).runDeterministic().variant("counterfactual")!
            #expect(a == b, "seed \(seed): the counterfactual changed with policy parameters")
        }
    }
}
