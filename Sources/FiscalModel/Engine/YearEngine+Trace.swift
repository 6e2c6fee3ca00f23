/// The trace of one unit-year: the deterministic projection (one path, no shocks) run again
/// through that year, reading the engine's own state as it goes.
extension YearEngine {
    /// Unit `i`'s trace in year index `y` of the deterministic projection.
    public func trace(unit i: Int, yearIndex y: Int) -> UnitYearTrace {
        let n = policy.unitCount
        let batch = PathBatch(self, count: 1)
        let columns = YearColumns(unitCount: n, districtCount: policy.districtCount, paths: 1)
        var out = columns.output
        var before = [Double](repeating: 0, count: n)
        let horizon = policy.horizon
        let alpha = policy.adoptionYear[i]
        var chain: [UnitYearTrace.LinkedStep] = []
        var previousTax = policy.baseTax[i]
        before.withUnsafeMutableBufferPointer { buffer in
            out.beforeCapacity = buffer.baseAddress
            for u in 0...y {
                advance(batch, yearIndex: u, taxShocks: nil, donationFactors: nil, into: out)
                let tax = out.tax[i]
                if case .linked(let kernel) = rebate, let alpha, horizon.year(at: u) >= alpha {
                    if chain.isEmpty {
                        chain.append(.init(year: alpha - 1, growth: 0, factor: 1, chained: 1, amount: kernel.baseRebate(in: batch, unit: i)))
                    }
                    let factor = LinkedRebate.growthFactor(previousTax: previousTax, tax: tax, coefficient: kernel.rule.coefficient[u])
                    chain.append(.init(
                        year: horizon.year(at: u), growth: previousTax == 0 ? 0 : tax / previousTax - 1, factor: factor,
                        chained: chain.last!.chained * factor, amount: kernel.statutoryAmount(in: batch, unit: i)))
                }
                previousTax = tax
            }
        }
        let year = horizon.year(at: y)
        let applies = self.applies[y * n + i]
        var periodStart: Int?
        var statutory: Double?
        switch rebate {
        case .increment(let kernel):
            if let alpha, year >= alpha, kernel.rule.reference == .fixed {
                periodStart = kernel.rule.periodStart(adoptionYear: alpha, year: year)
            }
            if applies { statutory = kernel.statutoryRebate(on: out.increment[i], yearIndex: y) }
        case .linked:
            statutory = chain.last?.amount
        case nil:
            break
        }
        let rate = applies ? policy.rebate?.incentiveRate(yearIndex: y, adoptionIndex: horizon.index(of: alpha!)) : nil
        return UnitYearTrace(
            unit: i, yearIndex: y, growthSource: policy.growthSource[i], incentiveRate: rate, periodStart: periodStart,
            statutoryRebate: statutory, rebatesBeforeCapacity: before, linkedChain: chain)
    }
}
