/// Units with a tag against the rest (pilot vs the others, 村改居 vs the others) in one
/// variant and year: sums, means and the difference-in-differences of the funding gap.
public struct GroupYear: Sendable, Equatable {
    /// Number of units in the group.
    public var units: Int
    /// Σ tax, rebate, fees, donations, resources, need and gap over the group, unrounded.
    public var tax, rebate, feesTotal, donations, resources, need, gap: Double
    /// Mean gap per unit (`nil` for an empty group).
    public var meanGap: Double?
    /// Mean self-sufficiency over the group's units with need > 0 (`nil` if none).
    public var meanSelfSufficiency: Double?
    /// The unit-year rows of the group (for counts that depend on rounding).
    public var rows: [UnitYear]

    /// Aggregates `rows`.
    public init(_ rows: [UnitYear]) {
        self.rows = rows
        units = rows.count
        func sum(_ value: (UnitYear) -> Double) -> Double { rows.reduce(0) { $0 + value($1) } }
        tax = sum(\.tax)
        rebate = sum(\.rebate)
        feesTotal = sum(\.feesTotal)
        donations = sum(\.donations)
        resources = sum(\.resources)
        need = sum(\.need)
        gap = sum(\.gap)
        meanGap = rows.isEmpty ? nil : gap / Double(rows.count)
        let ratios = rows.compactMap(\.selfSufficiency)
        meanSelfSufficiency = ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count)
    }
}

/// Difference-in-differences of the mean funding gap between the units carrying a tag and the
/// rest, after the tagged units adopt against before (issue 4; docs/interpretations.md):
///
/// DiD(t) = [ḡ_tag(t) − ḡ_rest(t)] − [ḡ_tag(β) − ḡ_rest(β)] for t ≥ α, where α is the earliest
/// adoption year among the tagged units and β = α − 1 the last year before it. When β is the
/// base year (pilots adopting in b+1) the base-year gap is used:
/// A(b) + E(b) + K(b) − Σ need items at base-year unit costs (no growth, nothing adopted).
public struct GapDifferenceInDifferences: Sendable, Equatable {
    /// The year before adoption whose gaps are the "before" (β).
    public let beforeYear: Int
    /// The first year with a value (α).
    public let firstYear: Int
    /// ḡ_tag(β) − ḡ_rest(β).
    public let beforeDifference: Double

    /// The DiD for `tagged` against `rest` units (indices) of `variant`, or `nil` when either
    /// group is empty or no tagged unit ever adopts.
    public init?(tagged: [Int], rest: [Int], variant: VariantResult, compiled: CompiledPolicy, scenario: Scenario, policy: Policy) {
        guard !tagged.isEmpty, !rest.isEmpty, !compiled.isCounterfactual,
            let alpha = tagged.compactMap({ compiled.adoptionYear[$0] }).min(), alpha <= scenario.horizon.endYear
        else { return nil }
        let horizon = scenario.horizon
        let before = alpha - 1
        func meanGap(_ members: [Int]) -> Double {
            let total = members.reduce(0.0) { sum, i in
                sum + (before == horizon.baseYear
                    ? Self.baseYearGap(of: scenario.units[i], policy: policy, baseYear: before)
                    : variant.units[i][horizon.index(of: before)].gap)
            }
            return total / Double(members.count)
        }
        beforeYear = before
        firstYear = alpha
        beforeDifference = meanGap(tagged) - meanGap(rest)
    }

    /// DiD in `year` from the two groups' mean gaps that year, or `nil` before adoption.
    public func value(in year: Int, taggedMeanGap: Double, restMeanGap: Double) -> Double? {
        year >= firstYear ? (taggedMeanGap - restMeanGap) - beforeDifference : nil
    }

    /// A unit's gap in the base year: allocation + enterprise + collective income minus the
    /// need items at base-year unit costs (no tool applies before b+1, so no task cost).
    public static func baseYearGap(of unit: FiscalUnit, policy: Policy, baseYear: Int) -> Double {
        let need = policy.needs.reduce(0.0) { $0 + $1.unitCost.value(in: baseYear) * unit.indicator($1.indicator) }
        return unit.allocation + unit.enterpriseIncome + unit.collectiveIncome - need
    }
}
