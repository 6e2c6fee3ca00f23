/// Which adopted units a tool applies to, by tag (`eligibility: {excludeTags, includeTags}`).
public struct Eligibility: Sendable, Equatable {
    /// Units carrying any of these tags are excluded.
    public var excludeTags: [String]
    /// When set, a unit needs at least one of these tags.
    public var includeTags: [String]?

    /// Creates an eligibility filter.
    public init(excludeTags: [String] = [], includeTags: [String]? = nil) {
        self.excludeTags = excludeTags
        self.includeTags = includeTags
    }

    /// Everybody is eligible (the default for line fees and donations).
    public static let everyone = Eligibility()

    /// The rebate's default: village-converted units (村改居) keep relying on their collective
    /// economy and are not steered toward fiscal dependence.
    public static let rebateDefault = Eligibility(excludeTags: ["village-converted"])

    /// Whether a unit with `tags` is eligible.
    public func admits(_ tags: [String]) -> Bool {
        if tags.contains(where: excludeTags.contains) { return false }
        if let includeTags { return tags.contains(where: includeTags.contains) }
        return true
    }
}
