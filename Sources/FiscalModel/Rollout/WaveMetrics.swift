/// The evidence of every wave, recorded on each path as its years are simulated (SPEC §20's
/// metrics, from unrounded values of the variant's own run on that path).
extension WaveTracker {
    /// Before year index `y` is simulated: Σ T(y−1) over G_y and C_y of each wave for paths
    /// `firstPath ..< firstPath + batch.count`, read from `batch` (its tax is T(y−1)).
    public func prepare(yearIndex y: Int, batch: PathBatch, firstPath: Int) {
        let n = unitCount
        let count = batch.count
        batch.tax.withUnsafeBufferPointer { tax in
            for q in 0..<count {
                let p = firstPath + q
                let adopted = engine(path: p).adopted
                for (w, wave) in plan.waves.enumerated() {
                    var evidence = 0.0, comparison = 0.0
                    for i in wave.evidence where adopted[y * n + i] { evidence += tax[i * count + q] }
                    for i in wave.comparison where !adopted[y * n + i] { comparison += tax[i * count + q] }
                    previousTax.pointer[(2 * w) * paths + p] = evidence
                    previousTax.pointer[(2 * w + 1) * paths + p] = comparison
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
        counterfactualNet: UnsafePointer<Double>, counterfactualStride: Int
    ) {
        for q in 0..<count {
            let p = firstPath + q
            for (w, wave) in plan.waves.enumerated() {
                let evidence = evidence(of: wave, w, yearIndex: y, out: out, offset: q, path: p,
                                        counterfactualNet: counterfactualNet, stride: counterfactualStride)
                history.pointer[((2 * w) * years + y) * paths + p] = evidence.value(of: wave.when.condition.metric)
                if let stop = wave.stopWhen {
                    history.pointer[((2 * w + 1) * years + y) * paths + p] = evidence.value(of: stop.condition.metric)
                }
            }
        }
    }

    /// The sums behind wave `w`'s metrics at year index `y` on path `p` (column offset `q`).
    private func evidence(
        of wave: WavePlan.ResolvedWave, _ w: Int, yearIndex y: Int, out: BatchYearOutput, offset q: Int, path p: Int,
        counterfactualNet: UnsafePointer<Double>, stride: Int
    ) -> WaveEvidence {
        let n = unitCount
        let engine = engine(path: p)
        let u = out.unitStride
        var sums = WaveEvidence()
        for i in wave.evidence where engine.adopted[y * n + i] {
            let resources = out.resources[i * u + q]
            let need = engine.need[y * n + i]
            sums.count += 1
            sums.resources += resources
            sums.need += need
            if resources - need < 0 { sums.withGap += 1 }
            sums.tax += out.tax[i * u + q]
        }
        sums.previousTax = previousTax.pointer[(2 * w) * paths + p]
        for i in wave.comparison where !engine.adopted[y * n + i] {
            sums.comparisonCount += 1
            sums.comparisonTax += out.tax[i * u + q]
        }
        sums.comparisonPreviousTax = previousTax.pointer[(2 * w + 1) * paths + p]
        var yearEffect = 0.0
        for d in wave.evidenceDistricts {
            let net = out.districtTax[d * out.districtStride + q] - out.rebates[d * out.districtStride + q]
            yearEffect += net - counterfactualNet[d * stride + p]
        }
        effect.pointer[w * paths + p] += yearEffect
        sums.cumulativeReformEffect = effect.pointer[w * paths + p]
        return sums
    }
}
