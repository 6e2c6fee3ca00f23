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

    /// Creates a roll-out plan.
    public init(defaultYear: AdoptionYear? = nil, byTag: [String: AdoptionYear] = [:], byUnit: [String: AdoptionYear] = [:]) {
        self.defaultYear = defaultYear
        self.byTag = byTag
        self.byUnit = byUnit
    }

    /// The effective adoption year of `unit`: `nil` for never; b+1 for a year ≤ b (SPEC §13).
    public func adoptionYear(of unit: FiscalUnit, horizon: Horizon) -> Int? {
        let planned: AdoptionYear
        if let byId = byUnit[unit.id] {
            planned = byId
        } else if let tag = unit.tags.first(where: { byTag[$0] != nil }) {
            planned = byTag[tag]!
        } else {
            planned = defaultYear ?? .year(horizon.firstYear)
        }
        switch planned {
        case .never: return nil
        case .year(let year): return max(year, horizon.firstYear)
        }
    }
}
