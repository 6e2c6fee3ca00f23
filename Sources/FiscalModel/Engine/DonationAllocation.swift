/// Splits a district's receivable donation amount among its receiving units (切块下拨),
/// with an optional floor per unit (SPEC §6.3, §13).
public enum DonationAllocation {
    /// Amounts for receivers with `shares`, where `receivable` = Σ proportional amounts.
    ///
    /// Without a floor each receiver gets `receivable · share / Σ shares`. With a floor `m`:
    /// if `receivable < m × receivers`, all receivers get an equal share; otherwise units whose
    /// amount is strictly below the floor get the floor and the rest is split among the others
    /// in proportion to share, repeated until stable. When the shares of the not-yet-floored
    /// receivers sum to 0, what is left is split equally among them.
    public static func allocate(receivable: Double, shares: [Double], floor: Double?) -> [Double] {
        let count = shares.count
        guard count > 0 else { return [] }
        let totalShare = shares.reduce(0, +)
        func proportional(_ amount: Double, among members: [Int], shareSum: Double) -> [Int: Double] {
            var out: [Int: Double] = [:]
            for i in members {
                out[i] = shareSum > 0 ? amount * shares[i] / shareSum : amount / Double(members.count)
            }
            return out
        }
        guard let floor, floor > 0 else {
            let amounts = proportional(receivable, among: Array(0..<count), shareSum: totalShare)
            return (0..<count).map { amounts[$0]! }
        }
        if receivable < floor * Double(count) {
            return Array(repeating: receivable / Double(count), count: count)
        }
        var floored = Set<Int>()
        while true {
            let free = (0..<count).filter { !floored.contains($0) }
            let remaining = receivable - floor * Double(floored.count)
            let shareSum = free.reduce(0) { $0 + shares[$1] }
            let amounts = proportional(remaining, among: free, shareSum: shareSum)
            let below = free.filter { amounts[$0]! < floor }
            if below.isEmpty {
                return (0..<count).map { floored.contains($0) ? floor : amounts[$0]! }
            }
            floored.formUnion(below)
            if floored.count == count {
                // Only reachable through rounding at the edge receivable ≈ m × receivers.
                return Array(repeating: receivable / Double(count), count: count)
            }
        }
    }
}
