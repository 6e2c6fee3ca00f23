import Foundation

extension CalibratedMatrix {
    /// The matrix of the counted `pairs` over `size` units (1 on the diagonal, 0 elsewhere),
    /// repaired when its smallest eigenvalue is below `NearestCorrelation.eigenvalueFloor`.
    init(pairs: PairCorrelations, size: Int) {
        var sample = [Double](repeating: 0, count: size * size)
        for i in 0..<size { sample[i * size + i] = 1 }
        for pair in pairs.pairs {
            sample[pair.i * size + pair.j] = pair.r
            sample[pair.j * size + pair.i] = pair.r
        }
        self.size = size
        self.sample = sample
        zeroedPairs = size * (size - 1) / 2 - pairs.pairs.count
        smallestSampleEigenvalue = NearestCorrelation.smallestEigenvalue(size: size, entries: sample)
        if smallestSampleEigenvalue >= NearestCorrelation.eigenvalueFloor {
            repair = nil
            entries = sample
        } else {
            let repaired = NearestCorrelation(size: size, input: sample)
            repair = repaired
            entries = repaired.entries
        }
    }

    /// The notes the report gives about the matrix, for a history of `years` growth years.
    func notes(years: Int) -> [CalibrationNote] {
        var notes: [CalibrationNote] = []
        if zeroedPairs > 0 {
            notes.append(CalibrationNote(.note, "correlation.csv: \(zeroedPairs) pair\(zeroedPairs == 1 ? "" : "s") of units (dropped units, or fewer than \(PairCorrelations.minimumCommonYears) common years, or zero variance) set to correlation 0 before the repair"))
        }
        guard let repair else { return notes }
        let why = years <= size
            ? "the history has \(years) growth years for \(size) units, so the sample correlation matrix is singular (rank below \(size))"
            : "the pairwise sample correlation matrix is not positive definite (smallest eigenvalue \(String(format: "%.3g", smallestSampleEigenvalue)))"
        let how = repair.converged ? "in \(repair.iterations) iterations" : "stopped after \(repair.iterations) iterations"
        notes.append(CalibrationNote(.warning, "\(why): repaired to the nearest positive-definite correlation matrix (Higham 2002, \(how), Frobenius distance \(String(format: "%.3g", repair.distance)))"))
        return notes
    }
}
