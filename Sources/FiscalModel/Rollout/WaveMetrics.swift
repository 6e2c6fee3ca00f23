/// The evidence of every wave, recorded on each path as its years are simulated (model.md §20's
/// metrics, from unrounded values of the variant's own run on that path).
///
/// Paths on the same engine share which units are adopted, so the sums run unit by unit over
/// the paths of each engine (contiguous reads); every path's sums still add its units in file
/// order.
extension WaveTracker {
    /// The paths `firstPath ..< firstPath + count` by engine (offsets into the batch), engine order.
    func groups(firstPath: Int, count: Int) -> [(engine: YearEngine, offsets: [Int])] {
        let engines = engines.snapshot()
        var byEngine: [Int: [Int]] = [:]
        for q in 0..<count { byEngine[Int(engineOfPath.pointer[firstPath + q]), default: []].append(q) }
        return byEngine.keys.sorted().map { (engines[$0], byEngine[$0]!) }
    }

    /// Before year index `y` is simulated: Σ T(y−1) over G_y and C_y of each wave for paths
    /// `firstPath ..< firstPath + batch.count`, read from `batch` (its tax is T(y−1)).
    public func prepare(yearIndex y: Int, batch: PathBatch, firstPath: Int) {
        let n = unitCount
        let count = batch.count
        let groups = groups(firstPath: firstPath, count: count)
        batch.tax.withUnsafeBufferPointer { tax in
            for (w, wave) in plan.waves.enumerated() {
                let evidence = previousTax.pointer + (2 * w) * paths + firstPath
                let comparison = previousTax.pointer + (2 * w + 1) * paths + firstPath
                for q in 0..<count {
                    evidence[q] = 0
                    comparison[q] = 0
                }
                for (engine, offsets) in groups {
                    for i in wave.evidence where engine.adopted[y * n + i] {
                        for q in offsets { evidence[q] += tax[i * count + q] }
                    }
                    for i in wave.comparison where !engine.adopted[y * n + i] {
                        for q in offsets { comparison[q] += tax[i * count + q] }
                    }
                }
            }
        }
    }

    /// After year index `y` is simulated into `out` (paths `firstPath ..< firstPath + count`
    /// at offsets 0 ..< count): each wave's metrics for evidence year y. `counterfactualNet`
    /// gives the counterfactual's net revenue of district d on path p at `[d * stride + p]`
    /// (a deterministic run: one path, stride 1).
    public func record(
        yearIndex y: Int, out: BatchYearOutput, firstPath: Int, count: Int,
        counterfactualNet: UnsafePointer<Double>, counterfactualStride stride: Int
    ) {
        let n = unitCount
        let u = out.unitStride
        let groups = groups(firstPath: firstPath, count: count)
        var sums = [WaveEvidence](repeating: WaveEvidence(), count: count)
        for (w, wave) in plan.waves.enumerated() {
            for q in 0..<count { sums[q] = WaveEvidence() }
            for (engine, offsets) in groups {
                for i in wave.evidence where engine.adopted[y * n + i] {
                    let need = engine.need[y * n + i]
                    for q in offsets {
                        let resources = out.resources[i * u + q]
                        sums[q].count += 1
                        sums[q].resources += resources
                        sums[q].need += need
                        if resources - need < 0 { sums[q].withGap += 1 }
                        sums[q].tax += out.tax[i * u + q]
                    }
                }
                for i in wave.comparison where !engine.adopted[y * n + i] {
                    for q in offsets {
                        sums[q].comparisonCount += 1
                        sums[q].comparisonTax += out.tax[i * u + q]
                    }
                }
            }
            for q in 0..<count {
                let p = firstPath + q
                sums[q].previousTax = previousTax.pointer[(2 * w) * paths + p]
                sums[q].comparisonPreviousTax = previousTax.pointer[(2 * w + 1) * paths + p]
                var yearEffect = 0.0
                for d in wave.evidenceDistricts {
                    let net = out.districtTax[d * out.districtStride + q] - out.rebates[d * out.districtStride + q]
                    yearEffect += net - counterfactualNet[d * stride + p]
                }
                effect.pointer[w * paths + p] += yearEffect
                sums[q].cumulativeReformEffect = effect.pointer[w * paths + p]
                history.pointer[((2 * w) * years + y) * paths + p] = sums[q].value(of: wave.when.condition.metric)
                if let stop = wave.stopWhen {
                    history.pointer[((2 * w + 1) * years + y) * paths + p] = sums[q].value(of: stop.condition.metric)
                }
            }
        }
    }
}
