/// Picks units of a scenario by tag, unit id or district (a wave's `members` or `evidence`,
/// model.md §20): a unit matches when it carries one of the tags, is one of the units, or lies in
/// one of the districts.
public struct UnitSelector: Sendable, Equatable {
    /// Tags; a tag no unit carries is allowed.
    public var tags: [String]
    /// Unit ids.
    public var units: [String]
    /// District ids.
    public var districts: [String]

    /// Creates a selector.
    public init(tags: [String] = [], units: [String] = [], districts: [String] = []) {
        self.tags = tags
        self.units = units
        self.districts = districts
    }

    /// Indices (file order) of the units of `scenario` the selector matches.
    public func matches(in scenario: Scenario) -> [Int] {
        matches(units: scenario.units, districtIDs: scenario.districts.map(\.id))
    }

    /// Indices (file order) of `units` the selector matches, `districtIDs` naming the districts
    /// the units' `districtIndex` refers to.
    public func matches(units: [FiscalUnit], districtIDs: [String]) -> [Int] {
        let districtIndices = Set(districts.compactMap { districtIDs.firstIndex(of: $0) })
        return units.indices.filter { index in
            let unit = units[index]
            return self.units.contains(unit.id) || unit.tags.contains(where: tags.contains)
                || districtIndices.contains(unit.districtIndex)
        }
    }
}
