import FiscalModel
import Foundation
import Yams

/// A dictionary shared by the threads that validate or run points; a value computed twice by
/// two threads is the same value, so the first one stored wins.
final class SharedCache<Value>: @unchecked Sendable {
    private var values: [String: Value] = [:]
    private let lock = NSLock()

    /// The value stored for `key`, if any; assigning stores one.
    subscript(key: String) -> Value? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return values[key]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            if values[key] == nil { values[key] = newValue }
        }
    }
}

/// Units tables read by the loader, by file, districts and indicator columns.
typealias UnitsTableCache = SharedCache<UnitsTableResult>

/// YAML nodes of point values, by entry position and text (the same value recurs in many points).
typealias ValueNodeCache = SharedCache<FrozenNode>

/// A parsed tree that is only read after it is built, shared by the threads validating points.
struct FrozenNode: @unchecked Sendable {
    let node: Node?
}

/// Deterministic no-adoption net revenue (`[year][district]`) by tax-growth policy.
typealias DeterministicBaselines = CounterfactualCache<[[Double]]>

extension CounterfactualCache where Value == [[Double]] {
    /// The counterfactual net revenue of `scenario`'s reform, computed once per tax-growth policy;
    /// throws when the no-adoption run reaches model.md §19's limits (nothing is stored then).
    func net(_ scenario: Scenario) throws(ProjectionLimitViolation) -> [[Double]] {
        try value(for: Key(CounterfactualPlan.key(of: scenario.reform))) { () throws(ProjectionLimitViolation) in
            var districtsOnly = DistrictRowsOnly()
            let run = Projection.run(
                CompiledPolicy(scenario.reform, of: scenario, counterfactual: true), name: Variant.counterfactualName,
                limits: ProjectionGuard(scenario), into: &districtsOnly)
            if let violation = run.limitViolation { throw violation }
            return run.netRevenueByYear
        }
    }
}
