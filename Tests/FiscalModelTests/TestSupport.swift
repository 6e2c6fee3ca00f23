import FiscalModel
@_exported import TestSupport
import Testing

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
