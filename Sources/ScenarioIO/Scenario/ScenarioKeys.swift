import FiscalModel

/// The keys a scenario file may use (model.md §11), per section.
enum ScenarioKeys {
    static let topLevel = [
        "name", "years", "currency", "unit", "precision", "rounding", "seed", "paths", "units", "taxSeries",
        "districts", "growth", "allocation", "collective", "incentive", "restructuring", "rollout", "rebate",
        "lineFees", "donations", "needs", "variants", "discountRate",
    ]
    static let years = ["base", "end"]
    static let district = ["id", "name", "capacity"]
    static let capacity = ["maxShareOfRevenue", "maxAmount"]
    static let growth = ["tax", "byTag", "volatility", "correlation"]
    static let correlation = ["withinDistrict", "acrossDistricts", "matrix"]
    static let allocation = ["indexation"]
    static let collective = ["growth"]
    static let incentive = ["elasticity"]
    static let restructuring = ["exitRate", "taxYield"]
    static let rollout = ["default", "byTag", "byUnit", "pilotEffort", "waves"]
    /// Keys of a `rollout.waves` entry (model.md §20).
    static let wave = ["id", "members", "evidence", "earliest", "deadline", "lag", "window", "when", "stopWhen", "after"]
    /// Keys of a wave's unit selector.
    static let selector = ["tags", "units", "districts"]
    /// Keys of a wave's `when` / `stopWhen`.
    static let waveCondition = ["metric", "above", "below", "window"]
    static let rebate = [
        "rule", "reference", "rebaseEveryYears", "referenceGrowth", "termYears", "bands", "capPerUnit",
        "eligibility", "linked",
    ]
    /// The `rebate` keys that belong to `rule` alone (model.md §14: an input error under any other rule).
    static func rebateKeys(of rule: RebateRule.Name) -> [String] {
        switch rule {
        case .increment: ["bands", "reference", "rebaseEveryYears", "referenceGrowth"]
        case .linked: ["linked"]
        }
    }
    /// Keys of `rebate.linked`.
    static let linkedRule = ["baseShare", "coefficient"]
    static let band = ["upTo", "rate"]
    static let eligibility = ["excludeTags", "includeTags"]
    static let lineFee = [
        "id", "collectedColumn", "growth", "transferShare", "allocationKey", "taskCost", "eligibility", "title",
    ]
    static let taskCost = ["indicator", "unitCost", "growth"]
    static let donations = ["reserveShare", "minimumPerUnit", "allocationKey", "sources", "eligibility"]
    static let source = ["id", "amount", "growth", "volatility"]
    static let need = ["id", "indicator", "unitCost", "growth"]
    static let variant = ["name", "set", "title"]
    /// Top-level keys a variant's `set` may not change.
    static let fixedForVariants = [
        "name", "years", "currency", "unit", "precision", "rounding", "seed", "paths", "units", "taxSeries",
        "variants", "discountRate",
    ]
}
