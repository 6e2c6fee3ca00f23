/// A district (区): the upper-level budget that retains tax, pays rebates, receives line fees
/// and holds the donation pool.
public struct District: Sendable, Equatable {
    /// Identifier used in output rows and in `set` paths.
    public var id: String
    /// Display name, e.g. 思明区.
    public var name: String

    /// Creates a district.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// What a district's budget can bear (财政承受能力): limits on the total rebate it pays in a year.
public struct DistrictCapacity: Sendable, Equatable {
    /// Rebates may not exceed this share of the district's retained tax of the same year.
    public var maxShareOfRevenue: StepFunction?
    /// Rebates may not exceed this amount.
    public var maxAmount: StepFunction?

    /// Creates a capacity; with both limits the lower applies.
    public init(maxShareOfRevenue: StepFunction? = nil, maxAmount: StepFunction? = nil) {
        self.maxShareOfRevenue = maxShareOfRevenue
        self.maxAmount = maxAmount
    }

    /// No limit.
    public static let unlimited = DistrictCapacity()
}
