/// SplitMix64, the one seeded generator of the tests (property loops, the mutation pass, the
/// metamorphic shuffles, test histories): the same seed gives the same sequence on every
/// machine, so a failing loop can name the seed that broke it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The golden-ratio increment added to the state before each output.
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    private var state: UInt64

    /// A generator starting from `seed` plus `offset` (the model tests' property loops offset
    /// their seeds by `gamma`, which keeps their sequences as they were written).
    public init(seed: UInt64, offset: UInt64 = 0) { state = seed &+ offset }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A Double in [0, 1) from the top 53 bits.
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A non-negative Int from the top 63 bits.
    public mutating func nextInt() -> Int { Int(truncatingIfNeeded: next() >> 1) }

    /// A Double in [0, 1) on a grid of 1/1,000,000,007 (from `nextInt()`).
    public mutating func unit() -> Double { Double(nextInt() % 1_000_000_007) / 1_000_000_007 }
}
