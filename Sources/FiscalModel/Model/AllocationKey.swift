/// How a pool is split among a district's units: a weighted sum of indicator shares,
/// s_i = Σ_m β_m · x_{m,i} / Σ_{j∈d} x_{m,j} (model.md §6, "Allocation keys").
public struct AllocationKey: Sendable, Equatable {
    /// One indicator column and its weight β_m.
    public struct Term: Sendable, Equatable {
        /// The units-CSV column.
        public var column: String
        /// The weight; weights sum to 1 in every year.
        public var weight: StepFunction

        /// Creates a term.
        public init(column: String, weight: StepFunction) {
            self.column = column
            self.weight = weight
        }
    }

    /// The terms in file order.
    public var terms: [Term]

    /// Creates a key.
    public init(terms: [Term]) { self.terms = terms }

    /// The indicator columns the key reads.
    public var columns: [String] { terms.map(\.column) }
}
