/// Splits a district's receivable donation amount among its receiving units (切块下拨),
/// with an optional floor per unit (model.md §6.3, §13).
public enum DonationAllocation {
    /// Amounts for receivers with `shares`, where `receivable` = Σ proportional amounts.
    ///
    /// Without a floor each receiver gets `receivable · share / Σ shares`. With a floor `m`:
    /// if `receivable < m × receivers`, all receivers get an equal share; otherwise units whose
    /// amount is strictly below the floor get the floor and the rest is split among the others
    /// in proportion to share, repeated until stable. When the shares of the not-yet-floored
    /// receivers sum to 0, what is left is split equally among them.
    public static func allocate(receivable: Double, shares: [Double], floor: Double?) -> [Double] {
        var amounts = [Double](repeating: 0, count: shares.count)
        var floored = [Bool](repeating: false, count: shares.count)
        shares.withUnsafeBufferPointer { shares in
            floored.withUnsafeMutableBufferPointer { floored in
                allocate(receivable: receivable, shares: shares, floor: floor, floored: floored) { amounts[$0] = $1 }
            }
        }
        return amounts
    }

    /// The allocation-free form the engine uses per path: calls `emit(receiver, amount)` once
    /// per receiver; `floored` is scratch with at least `shares.count` entries.
    @inlinable
    public static func allocate(
        receivable: Double, shares: UnsafeBufferPointer<Double>, floor: Double?,
        floored: UnsafeMutableBufferPointer<Bool>, emit: (Int, Double) -> Void
    ) {
        let count = shares.count
        guard count > 0 else { return }
        guard let floor, floor > 0 else {
            var totalShare = 0.0
            for share in shares { totalShare += share }
            for j in 0..<count {
                emit(j, totalShare > 0 ? receivable * shares[j] / totalShare : receivable / Double(count))
            }
            return
        }
        if receivable < floor * Double(count) {
            for j in 0..<count { emit(j, receivable / Double(count)) }
            return
        }
        for j in 0..<count { floored[j] = false }
        var flooredCount = 0
        while true {
            let remaining = receivable - floor * Double(flooredCount)
            var shareSum = 0.0
            for j in 0..<count where !floored[j] { shareSum += shares[j] }
            let freeCount = Double(count - flooredCount)
            func amount(_ j: Int) -> Double {
                shareSum > 0 ? remaining * shares[j] / shareSum : remaining / freeCount
            }
            // Amounts of this round use this round's shareSum, so marking as we go is safe.
            var marks = 0
            for j in 0..<count where !floored[j] && amount(j) < floor {
                floored[j] = true
                marks += 1
            }
            if marks == 0 {
                for j in 0..<count { emit(j, floored[j] ? floor : amount(j)) }
                return
            }
            flooredCount += marks
            if flooredCount == count {
                // Only reachable through rounding at the edge receivable ≈ m × receivers.
                for j in 0..<count { emit(j, receivable / Double(count)) }
                return
            }
        }
    }
}
