/// One projected year of a batch of Monte Carlo paths with the run's draws: the step that
/// `MonteCarloSimulation` and the sweep's `HorizonSimulation` share, so both see the same
/// donation shocks for the same (seed, path, year) and advance the engine the same way.
extension YearEngine {
    /// Advances `batch` (paths `firstPath ..< firstPath + batch.count`) through year index `y`
    /// with tax shocks `taxShocks` (`[i * batch.count + p]`) and the donation shocks drawn from
    /// `draws` into `factorScratch` (at least sources × districts × batch.count values); with
    /// `indices` (a shard, model.md §16) each district draws as its full-run district does.
    /// Returns the number of tax values clamped at a zero growth factor.
    @discardableResult
    public func advance(
        _ batch: PathBatch, yearIndex y: Int, firstPath: Int, taxShocks: UnsafePointer<Double>,
        draws: NormalDraws, indices: DrawIndices? = nil, factorScratch: UnsafeMutablePointer<Double>,
        into out: BatchYearOutput
    ) -> Int {
        let volatility = policy.donations?.sourceVolatility.map { $0[y] } ?? []
        if !volatility.isEmpty {
            DonationShocks.fill(
                factorScratch, volatility: volatility, districtCount: policy.districtCount, draws: draws,
                firstPath: firstPath, paths: batch.count, year: y, indices: indices)
        }
        return advance(
            batch, yearIndex: y, taxShocks: taxShocks,
            donationFactors: volatility.isEmpty ? nil : UnsafePointer(factorScratch), into: out)
    }
}
