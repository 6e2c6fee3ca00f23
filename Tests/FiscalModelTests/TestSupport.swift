import FiscalModel
import RealModule
import Testing

/// Checks two unrounded amounts agree within `tolerance` (default: a millionth of a fen).
func expectAmount(
    _ actual: Double?, _ expected: Double, tolerance: Double = 1e-8, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual else {
        Issue.record("\(what): expected \(expected), got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(
        actual.isApproximatelyEqual(to: expected, absoluteTolerance: tolerance),
        "\(what): expected \(expected), got \(actual) (difference \(actual - expected))",
        sourceLocation: sourceLocation)
}

/// A deterministic random generator (SplitMix64) so property loops can name the seed that broke.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small scenarios for mechanism tests: one district `d`, base year 2025.
enum Fixture {
    static let horizon = Horizon(baseYear: 2025, endYear: 2030)

    /// A unit in district 0 with the given base-year values.
    static func unit(
        _ id: String, tax: Double = 1000, allocation: Double = 100, tags: [String] = [], district: Int = 0,
        enterprise: Double = 0, collective: Double = 0, indicators: [String: Double] = [:], growth: Double? = nil
    ) -> FiscalUnit {
        FiscalUnit(
            id: id, districtIndex: district, tags: tags, tax: tax, allocation: allocation, enterpriseIncome: enterprise,
            collectiveIncome: collective, taxGrowthOverride: growth, indicators: indicators)
    }

    /// A scenario over `horizon` with `units` and `policy` (capacities default to unlimited).
    static func scenario(
        units: [FiscalUnit], districts: Int = 1, horizon: Horizon = horizon, variants: [Variant] = [],
        configure: (inout Policy) -> Void
    ) -> Scenario {
        var policy = Policy(capacities: Array(repeating: .unlimited, count: districts))
        configure(&policy)
        return Scenario(
            name: "fixture", horizon: horizon,
            districts: (0..<districts).map { District(id: "d\($0)", name: "District \($0)") }, units: units,
            reform: policy, variants: variants)
    }

    /// The `reform` projection of `scenario`.
    static func reform(_ scenario: Scenario) -> VariantResult {
        Simulation(scenario).runDeterministic().variant(Variant.reformName)!
    }

    /// A one-band rebate at `rate` with the given reference mode.
    static func rebate(
        rate: Double = 0.5, reference: IncrementSharing.Reference = .fixed, rebase: Int? = nil, growth: Double? = nil,
        term: Int? = nil, cap: Double? = nil
    ) -> RebatePolicy {
        .increment(
            reference: reference, rebaseEveryYears: rebase, referenceGrowth: growth.map(StepFunction.init),
            termYears: term, bands: [.init(upTo: nil, rate: StepFunction(rate))], capPerUnit: cap.map(StepFunction.init))
    }
}
