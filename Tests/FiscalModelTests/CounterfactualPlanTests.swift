import Dispatch
import FiscalModel
import Synchronization
import Testing

/// The counterfactual plan (one no-adoption run per distinct tax-growth policy, model.md §7) and the
/// cache the sweep shares its runs through.
@Suite("Counterfactual plan and cache")
struct CounterfactualPlanTests {
    static func policy(growth: Double, elasticity: Double = 0) -> Policy {
        Policy(
            taxGrowth: TaxGrowthPolicy(rate: StepFunction(growth)), incentiveElasticity: StepFunction(elasticity),
            capacities: [.unlimited])
    }

    @Test func variantsWithTheSameTaxGrowthShareOneRun() {
        // reform 5 %, a variant that changes only the incentive, one at 7 %, one back at 5 %.
        let plan = CounterfactualPlan([
            Self.policy(growth: 0.05), Self.policy(growth: 0.05, elasticity: 0.2), Self.policy(growth: 0.07),
            Self.policy(growth: 0.05, elasticity: 0.1),
        ])
        #expect(plan.count == 2)
        #expect(plan.runOf == [0, 0, 1, 0])
        #expect(plan.representatives == [0, 2])
        #expect(plan.keys == [TaxGrowthPolicy(rate: StepFunction(0.05)), TaxGrowthPolicy(rate: StepFunction(0.07))])
    }

    @Test func eachDistinctRunIsReportedOnceInTheDeterministicResult() {
        for seed in UInt64(1)...UInt64(12) {
            var random = RandomScenario(seed: seed)
            var scenario = random.scenario()
            var other = scenario.reform
            other.taxGrowth.rate = StepFunction(0.09)
            var same = scenario.reform
            same.incentiveElasticity = StepFunction(0.3)
            scenario.variants = [Variant(name: "faster", policy: other), Variant(name: "keen", policy: same)]
            let result = Simulation(scenario).runDeterministic()
            #expect(result.variants.map(\.name) == ["counterfactual", "reform", "faster", "keen"], "seed \(seed)")
            guard result.limitViolation == nil else { continue }
            // keen shares the reform's run: the same counterfactual net revenue; faster has its own.
            let reform = result.variants[1].districts, faster = result.variants[2].districts, keen = result.variants[3].districts
            #expect(zip(reform, keen).allSatisfy { zip($0, $1).allSatisfy { $0.counterfactualNetRevenue == $1.counterfactualNetRevenue } }, "seed \(seed)")
            let baseline = result.variants[0].netRevenueByYear
            #expect(reform.indices.allSatisfy { d in reform[d].indices.allSatisfy { reform[d][$0].counterfactualNetRevenue == baseline[$0][d] } }, "seed \(seed)")
            let fasterBaseline = Projection.run(
                CompiledPolicy(other, of: scenario, counterfactual: true), name: Variant.counterfactualName
            ).netRevenueByYear
            #expect(faster.indices.allSatisfy { d in faster[d].indices.allSatisfy { faster[d][$0].counterfactualNetRevenue == fasterBaseline[$0][d] } }, "seed \(seed)")
        }
    }

    @Test func theCacheComputesOncePerKeyAndKeepsTheFirstValue() throws {
        let cache = CounterfactualCache<[Double]>()
        let growth = TaxGrowthPolicy(rate: StepFunction(0.05))
        let key = CounterfactualCache<[Double]>.Key(growth, paths: 100, seed: 7)
        #expect(cache.value(for: key) == nil)
        cache.store([1, 2], for: key)
        cache.store([3], for: key)
        #expect(cache.value(for: key) == [1, 2], "the first value stored wins")
        #expect(cache.value(for: .init(growth, paths: 100, seed: 8)) == nil, "another seed is another run")
        #expect(cache.value(for: .init(growth)) == nil, "the deterministic run is another run")
        struct Failed: Error {}
        #expect(throws: Failed.self) { try cache.value(for: .init(growth)) { () throws(Failed) -> [Double] in throw Failed() } }
        #expect(cache.value(for: .init(growth)) == nil, "nothing is stored when the run fails")
        // Many threads asking for a few keys: every answer is the one stored value of its key.
        let answers = Answers()
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let k = CounterfactualCache<[Double]>.Key(growth, paths: i % 4, seed: 1)
            answers.add(i % 4, cache.value(for: k) { [Double(i % 4)] })
        }
        #expect(answers.all.allSatisfy { key, value in value == [Double(key)] })
    }
}

/// Results gathered from threads.
private final class Answers: Sendable {
    private let values = Mutex<[(Int, [Double])]>([])
    func add(_ key: Int, _ value: [Double]) { values.withLock { $0.append((key, value)) } }
    var all: [(Int, [Double])] { values.withLock { $0 } }
}
