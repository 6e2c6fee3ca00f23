import Yams

/// The scenario's top-level `discountRate` (贴现率, model.md §22): the yearly rate r ≥ 0 of the
/// brief's present value, one number for the whole horizon (a step function is an input error).
enum BriefDiscountRate {
    /// The rate written at `node`, or `nil` after reporting why it cannot be used.
    static func decode(_ node: Node, reader: NodeReader) -> Double? {
        if case .mapping = node {
            reader.error(node, "discountRate: one rate for the whole horizon is expected, not a step function; write e.g. discountRate: 0.03 (3 % a year)")
            return nil
        }
        guard let value = reader.number(node, path: "discountRate") else { return nil }
        guard value >= 0 else {
            reader.error(node, "discountRate must be ≥ 0 (a yearly rate: 0.03 means 3 %); found \(value)")
            return nil
        }
        return value
    }
}
