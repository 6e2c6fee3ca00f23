/// One projected year of a batch of Monte Carlo paths whose waves have decided differently
/// (model.md §20): the paths of each wave state are gathered into a batch of their own, advanced on
/// that state's engine and scattered back. Every path's numbers are those a batch of only that
/// state would give (the engine works path by path), so the result does not depend on how
/// paths happen to be grouped.
extension WaveTracker {
    /// Advances `batch` (paths `firstPath ..< firstPath + batch.count`) through year index `y`
    /// with the run's draws, like `YearEngine.advance(_:yearIndex:firstPath:…)`, each path on its
    /// state's engine, and records the year's evidence. Returns the number of clamped tax values.
    public func advance(
        _ batch: PathBatch, yearIndex y: Int, firstPath: Int, taxShocks: UnsafePointer<Double>, draws: NormalDraws,
        indices: DrawIndices? = nil, factorScratch: UnsafeMutablePointer<Double>, into out: BatchYearOutput,
        counterfactualNet: UnsafePointer<Double>
    ) -> Int {
        let count = batch.count
        prepare(yearIndex: y, batch: batch, firstPath: firstPath)
        var groups: [Int32: [Int]] = [:]
        for q in 0..<count { groups[engineOfPath.pointer[firstPath + q], default: []].append(q) }
        var clamped = 0
        if groups.count == 1 {
            clamped = engine(path: firstPath).advance(
                batch, yearIndex: y, firstPath: firstPath, taxShocks: taxShocks, draws: draws, indices: indices,
                factorScratch: factorScratch, into: out)
        } else {
            let policy = engines.base
            let volatility = policy.donations?.sourceVolatility.map { $0[y] } ?? []
            if !volatility.isEmpty {
                DonationShocks.fill(
                    factorScratch, volatility: volatility, districtCount: policy.districtCount, draws: draws,
                    firstPath: firstPath, paths: count, year: y, indices: indices)
            }
            for key in groups.keys.sorted() {
                let engine = engines.engine(at: Int(key))
                clamped += PathGroup(groups[key]!, of: batch, engine: engine).advance(
                    yearIndex: y, taxShocks: taxShocks,
                    donationFactors: volatility.isEmpty ? nil : UnsafePointer(factorScratch),
                    factorRows: volatility.count * policy.districtCount, into: out)
            }
        }
        record(
            yearIndex: y, out: out, firstPath: firstPath, count: count, counterfactualNet: counterfactualNet,
            counterfactualStride: paths)
        return clamped
    }
}

/// Some paths of a batch (`members`, offsets into it) gathered into a batch of their own.
struct PathGroup {
    let members: [Int]
    let batch: PathBatch
    let engine: YearEngine
    let group: PathBatch

    init(_ members: [Int], of batch: PathBatch, engine: YearEngine) {
        self.members = members
        self.batch = batch
        self.engine = engine
        group = PathBatch(engine, count: members.count)
        move(toGroup: true)
    }

    /// Advances the group and scatters its state and year into `batch` and `out`.
    func advance(
        yearIndex y: Int, taxShocks: UnsafePointer<Double>, donationFactors: UnsafePointer<Double>?, factorRows: Int,
        into out: BatchYearOutput
    ) -> Int {
        let g = members.count, count = batch.count
        let n = batch.unitCount
        let shocks = gathered(taxShocks, rows: n, stride: count)
        let factors = donationFactors.map { gathered($0, rows: factorRows, stride: count) }
        let columns = YearColumns(unitCount: n, districtCount: engine.policy.districtCount, paths: g)
        let clamped = shocks.withUnsafeBufferPointer { shocks in
            if let factors {
                return factors.withUnsafeBufferPointer {
                    engine.advance(group, yearIndex: y, taxShocks: shocks.baseAddress, donationFactors: $0.baseAddress,
                                   into: columns.output)
                }
            }
            return engine.advance(group, yearIndex: y, taxShocks: shocks.baseAddress, donationFactors: nil,
                                  into: columns.output)
        }
        move(toGroup: false)
        let from = columns.output
        for column in UnitYearColumn.perPath {
            scatter(from[column], rows: n, into: out[column], stride: out.unitStride)
        }
        for column in DistrictYearColumn.perPath {
            scatter(from[column], rows: engine.policy.districtCount, into: out[column], stride: out.districtStride)
        }
        return clamped
    }

    /// `rows` rows of the members' values out of `source` (`[row * stride + q]`), `[row * g + j]`.
    private func gathered(_ source: UnsafePointer<Double>, rows: Int, stride: Int) -> [Double] {
        var values = [Double](repeating: 0, count: rows * members.count)
        for r in 0..<rows {
            for (j, q) in members.enumerated() { values[r * members.count + j] = source[r * stride + q] }
        }
        return values
    }

    /// Writes the group's `[row * g + j]` values to `target[row * stride + q]`.
    private func scatter(_ source: UnsafePointer<Double>, rows: Int, into target: UnsafeMutablePointer<Double>, stride: Int) {
        let g = members.count
        for r in 0..<rows {
            for (j, q) in members.enumerated() { target[r * stride + q] = source[r * g + j] }
        }
    }

    /// Copies the carried state (last year's tax and what the rebate rule remembers, each a
    /// whole number of unit-by-path blocks) between the batch and the group.
    private func move(toGroup: Bool) {
        let g = members.count, count = batch.count
        func copy(_ whole: inout [Double], _ part: inout [Double]) {
            guard !whole.isEmpty else { return }
            for row in 0..<(whole.count / count) {
                for (j, q) in members.enumerated() {
                    if toGroup { part[row * g + j] = whole[row * count + q] } else { whole[row * count + q] = part[row * g + j] }
                }
            }
        }
        copy(&batch.tax, &group.tax)
        copy(&batch.rebateMemory, &group.rebateMemory)
    }
}
