import Foundation

/// The per-path values of the brief (简报, model.md §22) of a Monte Carlo run, accumulated year by
/// year from unrounded numbers: per reported variant (not the counterfactual), district and
/// path — and for the variant's `all` row — the reform effect's horizon total and present
/// value, whether any year loses, whether the capacity limit binds, the worst year and the
/// units with a gap in the last year.
///
/// The `all` row's yearly reform effect is the exact sum over districts: each district's value
/// is taken in units of 2^−32 (`PathBrief.quantum`) and added as integers, so the sum does not
/// depend on the order or grouping of districts, and a sharded run's partial sums
/// (`yearlyPartials`) merge to exactly the unsharded value.
public final class PathBrief: @unchecked Sendable {
    /// The values of one row (a district or `all`) on every path.
    public struct Row: Sendable, Equatable {
        /// Σ_t reform effect.
        public var total: [Double]
        /// Σ_t reform effect·(1+r)^−(t−b).
        public var presentValue: [Double]
        /// Some year's reform effect < 0.
        public var anyLoss: [Bool]
        /// φ < 1 in some year.
        public var binding: [Bool]
        /// The lowest yearly reform effect and its year index (the earliest on ties).
        public var worst: [Double]
        /// Year index of `worst`.
        public var worstYear: [Int]
        /// Units with unrounded gap < 0 in the last year.
        public var unitsWithGap: [Int]

        /// A row of `paths` paths before the first year.
        public init(paths: Int) {
            total = Array(repeating: 0, count: paths)
            presentValue = total
            anyLoss = Array(repeating: false, count: paths)
            binding = anyLoss
            worst = Array(repeating: .infinity, count: paths)
            worstYear = Array(repeating: 0, count: paths)
            unitsWithGap = Array(repeating: 0, count: paths)
        }

        /// Adds year index `y` (discount factor `discount`) of path `p`.
        mutating func add(_ effect: Double, binding isBinding: Bool, year y: Int, discount: Double, path p: Int) {
            total[p] += effect
            presentValue[p] += effect * discount
            if effect < 0 { anyLoss[p] = true }
            if isBinding { binding[p] = true }
            if effect < worst[p] {
                worst[p] = effect
                worstYear[p] = y
            }
        }
    }

    /// 2^32: the `all` row adds districts' values as integers of 2^−32.
    public static let quantum = 4_294_967_296.0

    /// `value` in integer units of 2^−32 (exact scaling, rounded once).
    @inlinable public static func quantized(_ value: Double) -> Int128 { Int128((value * quantum).rounded()) }

    /// Number of paths.
    public let paths: Int
    /// Number of districts.
    public let districtCount: Int
    /// Number of projected years.
    public let yearCount: Int
    /// `districts[v][d]`: reported variant v (0 = `reform`) and district d.
    public private(set) var districts: [[Row]]
    /// `all[v]`: the variant's row over all districts.
    public private(set) var all: [Row]
    /// With `keepsPartials` (a shard): `yearlyPartials[v][y * paths + p]`, the exact sum over
    /// this run's districts of year y's reform effect in units of 2^−32.
    public private(set) var yearlyPartials: [[Int128]]
    /// Whether this brief keeps `yearlyPartials` (a shard's run, model.md §16).
    public let keepsPartials: Bool
    /// The discount rate r.
    public let discountRate: Double
    /// (1+r)^−(t−b) of each year index.
    private let discounts: [Double]

    /// Empty accumulators for `variants` reported variants.
    public init(variants: Int, districts: Int, years: Int, paths: Int, discountRate: Double, keepsPartials: Bool) {
        self.paths = paths
        districtCount = districts
        yearCount = years
        self.districts = Array(repeating: Array(repeating: Row(paths: paths), count: districts), count: variants)
        all = Array(repeating: Row(paths: paths), count: variants)
        self.keepsPartials = keepsPartials
        yearlyPartials = keepsPartials ? Array(repeating: Array(repeating: 0, count: years * paths), count: variants) : []
        self.discountRate = discountRate
        discounts = (0..<years).map { y in PathBrief.discount(rate: discountRate, yearsAfterBase: y + 1) }
    }

    /// (1 + rate)^−years: the present value's discount of a year `years` after the base year.
    public static func discount(rate: Double, yearsAfterBase years: Int) -> Double {
        pow(1 + rate, -Double(years))
    }

    /// Adds year index `y` of reported variant `v` from the district columns `[d * paths + p]`:
    /// net revenue minus `counterfactualNet`, and the capacity factors.
    func addYear(
        variant v: Int, year y: Int, tax: UnsafePointer<Double>, rebates: UnsafePointer<Double>,
        capacityFactor: UnsafePointer<Double>, counterfactualNet: UnsafePointer<Double>
    ) {
        let discount = discounts[y]
        var sums = [Int128](repeating: 0, count: paths)
        var anyBinding = [Bool](repeating: false, count: paths)
        for d in 0..<districtCount {
            for p in 0..<paths {
                let k = d * paths + p
                let effect = tax[k] - rebates[k] - counterfactualNet[k]
                let binds = capacityFactor[k] < 1
                districts[v][d].add(effect, binding: binds, year: y, discount: discount, path: p)
                sums[p] += Self.quantized(effect)
                if binds { anyBinding[p] = true }
            }
        }
        for p in 0..<paths {
            all[v].add(Double(sums[p]) / Self.quantum, binding: anyBinding[p], year: y, discount: discount, path: p)
        }
        if !yearlyPartials.isEmpty {
            for p in 0..<paths { yearlyPartials[v][y * paths + p] = sums[p] }
        }
    }

    /// The `all` row of `paths` paths from the exact yearly sums over districts
    /// (`partials[y * paths + p]` in units of 2^−32), whether some district binds on each path
    /// and the units with a gap: what a merge of shards computes from their `yearlyPartials`.
    public static func allRow(
        partials: [Int128], binding: [Bool], unitsWithGap: [Int], years: Int, paths: Int, discountRate: Double
    ) -> Row {
        var row = Row(paths: paths)
        for y in 0..<years {
            let discount = discount(rate: discountRate, yearsAfterBase: y + 1)
            for p in 0..<paths {
                row.add(Double(partials[y * paths + p]) / quantum, binding: false, year: y, discount: discount, path: p)
            }
        }
        row.binding = binding
        row.unitsWithGap = unitsWithGap
        return row
    }

    /// Counts, in the last year, the units of variant `v` whose resources (`[i * paths + p]`)
    /// fall short of their need on that path (`need[i * paths + p]`); `districtOf[i]` is the unit's district.
    func addLastYearGaps(variant v: Int, resources: UnsafePointer<Double>, need: [Double], districtOf: [Int]) {
        for (i, d) in districtOf.enumerated() {
            for p in 0..<paths where resources[i * paths + p] - need[i * paths + p] < 0 {
                districts[v][d].unitsWithGap[p] += 1
                all[v].unitsWithGap[p] += 1
            }
        }
    }
}
