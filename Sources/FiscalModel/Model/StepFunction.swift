/// A policy parameter that may change over time: a year-keyed step function.
///
/// model.md §3: every numeric policy parameter may be a scalar or a step function
/// `{2026: 0.3, 2029: 0.5}`; the value in force in year *t* is the one with the greatest
/// key ≤ *t*. A scalar is a step function with a single step that is always in force.
public struct StepFunction: Sendable, Equatable {
    /// One step: `value` is in force from `year` on (until the next step).
    public struct Step: Sendable, Equatable {
        /// First year in which the value is in force; `nil` for a scalar (always in force).
        public var year: Int?
        /// The value in force from `year` on.
        public var value: Double

        /// Creates a step.
        public init(year: Int?, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// The steps in ascending year order.
    public private(set) var steps: [Step]

    /// A constant parameter.
    public init(_ constant: Double) {
        steps = [Step(year: nil, value: constant)]
    }

    /// A year-keyed parameter; the years need not be sorted.
    public init(steps byYear: [Int: Double]) {
        steps = byYear.sorted { $0.key < $1.key }.map { Step(year: $0.key, value: $0.value) }
    }

    /// Whether this is a plain scalar.
    public var isConstant: Bool { steps.count == 1 && steps[0].year == nil }

    /// The first year with a value, or `nil` for a scalar.
    public var firstYear: Int? { steps.first?.year }

    /// Every value the parameter takes.
    public var values: [Double] { steps.map(\.value) }

    /// The value in force in `year`: the step with the greatest year ≤ `year`.
    ///
    /// Validation guarantees the first step is in force from the first projected year on;
    /// for earlier years the first value is returned.
    public func value(in year: Int) -> Double {
        var current = steps[0].value
        for step in steps {
            guard let stepYear = step.year else { return step.value }
            if stepYear <= year { current = step.value } else { break }
        }
        return current
    }

    /// The values in force in every projected year of `horizon`.
    public func series(over horizon: Horizon) -> [Double] {
        horizon.years.map { value(in: $0) }
    }

    /// The growth index Π_{u=b+1..t}(1 + g(u)) for every projected year t (model.md §13:
    /// growth under a step-function rate compounds year by year).
    public func growthIndex(over horizon: Horizon) -> [Double] {
        var index = 1.0
        return horizon.years.map { year in
            index *= 1 + value(in: year)
            return index
        }
    }

    /// A constant zero.
    public static let zero = StepFunction(0)
}
