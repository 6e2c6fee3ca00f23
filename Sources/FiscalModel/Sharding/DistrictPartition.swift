/// Which districts each shard of a Monte Carlo run simulates (model.md §16).
///
/// The rule (documented in `docs/interpretations.md`): districts stay in declared order and are
/// cut into K contiguous runs balanced by unit count. District j with n_j units, c_j units
/// before it in declared order and N units in all goes to shard ⌊K·(2·c_j + n_j) / (2·N)⌋ —
/// the shard whose equal slice of the N units holds the district's middle unit. Shard loads
/// then differ from N/K by less than one district, the rule depends only on the units file
/// and the district list, and because the runs are contiguous the merged tables are the
/// shards' blocks one after another (per variant) in shard order.
///
/// Districts linked through evidence-gated waves (model.md §20) must be simulated together: the
/// smallest contiguous span of districts holding every wave's members and evidence (in any
/// variant) counts as one block, placed by the same rule with its own middle unit.
public enum DistrictPartition {
    /// The shard of each district, for districts with `unitCounts` units (declared order).
    /// With `together`, the districts of that range form one block.
    public static func shardOf(unitCounts: [Int], shards k: Int, together: Range<Int>? = nil) -> [Int] {
        precondition(k >= 1)
        let total = unitCounts.reduce(0, +)
        guard total > 0 else { return unitCounts.map { _ in 0 } }
        var owners: [Int] = []
        var before = 0
        var j = 0
        while j < unitCounts.count {
            let block = together.flatMap { $0.contains(j) ? $0 : nil } ?? j..<(j + 1)
            let units = unitCounts[block].reduce(0, +)
            let shard = min(k - 1, k * (2 * before + units) / (2 * total))
            owners += Array(repeating: shard, count: block.count)
            before += units
            j = block.upperBound
        }
        return owners
    }

    /// The districts (declared-order indices) of `shard`: a contiguous range, possibly empty;
    /// `together` (districts linked through waves) stays in one shard.
    public static func districts(of shard: Shard, unitCounts: [Int], together: Range<Int>? = nil) -> Range<Int> {
        let owners = shardOf(unitCounts: unitCounts, shards: shard.count, together: together)
        let first = owners.firstIndex { $0 >= shard.index } ?? owners.count
        let end = owners.firstIndex { $0 > shard.index } ?? owners.count
        return first..<max(first, end)
    }
}
