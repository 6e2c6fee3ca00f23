/// A wave of the evidence-gated roll-out (逐步推开, model.md §20): units whose adoption year is
/// decided during the projection from what the pilots in its evidence group show (试点 →
/// 取得经验 → 推开).
public struct Wave: Sendable, Equatable {
    /// Unique id, e.g. `expand`.
    public var id: String
    /// Which units the wave adopts (those in its evidence group or in `rollout.byUnit` excepted).
    public var members: UnitSelector
    /// The evidence group G_w: the pilots whose results decide.
    public var evidence: UnitSelector
    /// First year the wave may adopt; `nil` means b+1 (years ≤ b also mean b+1).
    public var earliest: Int?
    /// Year by which the wave adopts whatever the evidence (`nil`: never).
    public var deadline: Int?
    /// Years between an evidence year and the decision it informs (≥ 1).
    public var lag: Int
    /// Evidence years `when` needs by default (≥ 1).
    public var window: Int
    /// The condition that adopts the wave.
    public var when: WaveCondition
    /// The condition that abandons the wave, if any.
    public var stopWhen: WaveCondition?
    /// The id of an earlier wave that must have adopted first.
    public var after: String?

    /// Creates a wave.
    public init(
        id: String, members: UnitSelector, evidence: UnitSelector, earliest: Int? = nil, deadline: Int? = nil,
        lag: Int = 1, window: Int = 1, when: WaveCondition, stopWhen: WaveCondition? = nil, after: String? = nil
    ) {
        self.id = id
        self.members = members
        self.evidence = evidence
        self.earliest = earliest
        self.deadline = deadline
        self.lag = lag
        self.window = window
        self.when = when
        self.stopWhen = stopWhen
        self.after = after
    }
}
