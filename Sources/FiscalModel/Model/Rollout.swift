/// When a unit adopts the reform: a year, or never.
public enum AdoptionYear: Sendable, Equatable {
    /// Adopts from this year on (years ≤ b mean b+1).
    case year(Int)
    /// Never adopts.
    case never
}

/// The roll-out plan: pilots first, the rest later (先行试点, 逐步推开).
public struct RolloutPolicy: Sendable, Equatable {
    /// Adoption year for units matched neither by id nor by tag; `nil` means b+1.
    public var defaultYear: AdoptionYear?
    /// Adoption years by tag; a unit takes the first of its tags (in CSV order) found here.
    public var byTag: [String: AdoptionYear]
    /// Adoption years by unit id, which win over tags.
    public var byUnit: [String: AdoptionYear]
    /// Evidence-gated waves (model.md §20), in listed order: their members' years are decided
    /// during the projection.
    public var waves: [Wave] = []
    /// Extra tax growth p(t) of a pilot while a wave is judging it (model.md §20); 0 by default.
    public var pilotEffort: StepFunction = .zero

    /// Creates a roll-out plan.
    public init(defaultYear: AdoptionYear? = nil, byTag: [String: AdoptionYear] = [:], byUnit: [String: AdoptionYear] = [:]) {
        self.defaultYear = defaultYear
        self.byTag = byTag
        self.byUnit = byUnit
    }

    /// The effective adoption year of every unit of `scenario` before any wave decides: wave
    /// members (model.md §20) are not adopted (`nil`) until their wave adopts on a path.
    public func adoptionYears(in scenario: Scenario) -> [Int?] {
        var years = scenario.units.map { adoptionYear(of: $0, horizon: scenario.horizon) }
        if !waves.isEmpty {
            for members in WavePlan.memberships(of: self, in: scenario) { for i in members { years[i] = nil } }
        }
        return years
    }

    /// The effective adoption year of `unit`: `nil` for never; b+1 for a year ≤ b (model.md §13).
    public func adoptionYear(of unit: FiscalUnit, horizon: Horizon) -> Int? {
        switch plannedYear(of: unit) ?? .year(horizon.firstYear) {
        case .never: return nil
        case .year(let year): return max(year, horizon.firstYear)
        }
    }
}

extension RolloutPolicy {
    /// Which entry of the roll-out plan sets a unit's adoption year (for explanations).
    public enum Rule: Sendable, Equatable {
        /// `rollout.byUnit.<id>`.
        case byUnit
        /// `rollout.byTag.<tag>`: the unit's first tag found there.
        case byTag(String)
        /// `rollout.default`.
        case defaultYear
        /// No entry applies: the first projected year b+1.
        case firstProjectedYear
    }

    /// The entry that sets `unit`'s adoption year: by id, else its first tag found in
    /// `byTag`, else the default.
    public func rule(for unit: FiscalUnit) -> Rule {
        if byUnit[unit.id] != nil { return .byUnit }
        if let tag = unit.tags.first(where: { byTag[$0] != nil }) { return .byTag(tag) }
        return defaultYear == nil ? .firstProjectedYear : .defaultYear
    }

    /// The adoption year as written for `unit` by the entry `rule(for:)` names; `nil` when no
    /// entry applies (the first projected year).
    public func plannedYear(of unit: FiscalUnit) -> AdoptionYear? {
        switch rule(for: unit) {
        case .byUnit: byUnit[unit.id]
        case .byTag(let tag): byTag[tag]
        case .defaultYear: defaultYear
        case .firstProjectedYear: nil
        }
    }
}
