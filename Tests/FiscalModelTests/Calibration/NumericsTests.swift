import FiscalModel
import Foundation
import Testing

/// Student's t quantiles and the nearest-correlation repair.
@Suite struct CalibrationNumericsTests {
    /// scipy.stats.t.ppf(0.975, df), printed with repr.
    @Test(arguments: [
        (1, 12.706204736174694), (2, 4.302652729749462), (3, 3.1824463052837078), (4, 2.7764451051977934),
        (5, 2.5705818356363146), (7, 2.364624251592784), (10, 2.228138851986274), (12, 2.1788128296672284),
        (13, 2.1603686564627913), (30, 2.0422724563012378), (100, 1.9839715185235518), (1000, 1.9623390808264083),
    ])
    func studentQuantileAgainstScipy(df: Int, expected: Double) {
        let value = StudentT.critical95(degreesOfFreedom: df)
        #expect(abs(value - expected) <= 1e-12 * expected, "t(0.975, \(df)) = \(value), scipy \(expected)")
    }

    @Test func otherProbabilitiesAgainstScipy() {
        #expect(abs(StudentT.quantile(0.995, degreesOfFreedom: 3) - 5.840909309733355) < 1e-11)
        #expect(abs(StudentT.quantile(0.9, degreesOfFreedom: 8) - 1.3968153097438654) < 1e-12)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 5) + 2.5705818356363146) < 1e-12)
        #expect(abs(StudentT.cumulativeProbability(1.3, degreesOfFreedom: 6) - 0.8793474126886069) < 1e-14)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 2.5) - 3.5746548420036817) < 1e-12)
    }

    /// Higham (2002), section 4: the nearest correlation matrix to [[1 1 0] [1 1 1] [0 1 1]].
    @Test func highamExample() {
        let repaired = NearestCorrelation(size: 3, input: [1, 1, 0, 1, 1, 1, 0, 1, 1])
        let expected = [1, 0.7607, 0.1573, 0.7607, 1, 0.7607, 0.1573, 0.7607, 1]
        for (value, target) in zip(repaired.entries, expected) { #expect(abs(value - target) < 1e-4, "\(repaired.entries)") }
        #expect(repaired.converged)
        #expect(NearestCorrelation.smallestEigenvalue(size: 3, entries: repaired.entries) > 0)
    }

    /// Random indefinite symmetric matrices: the repair is symmetric, unit diagonal, within
    /// [−1, 1], passes the loader's Cholesky check, and leaves a valid correlation matrix alone.
    @Test func repairedMatricesAreCorrelationMatrices() throws {
        for seed in UInt64(1)...20 {
            var generator = SplitMix64(seed: seed, offset: SplitMix64.gamma)
            let size = 3 + Int(seed % 8)
            var input = [Double](repeating: 0, count: size * size)
            for i in 0..<size {
                input[i * size + i] = 1
                for j in (i + 1)..<size {
                    let value = Double.random(in: -1...1, using: &generator)
                    input[i * size + j] = value
                    input[j * size + i] = value
                }
            }
            let repaired = NearestCorrelation(size: size, input: input)
            let entries = repaired.entries
            for i in 0..<size {
                #expect(entries[i * size + i] == 1, "seed \(seed)")
                for j in 0..<size { #expect(entries[i * size + j] == entries[j * size + i] && abs(entries[i * size + j]) <= 1, "seed \(seed)") }
            }
            #expect(throws: Never.self, "seed \(seed)") { _ = try CorrelationMatrix(size: size, entries: entries) }
            let again = NearestCorrelation(size: size, input: entries)
            #expect(again.distance < 1e-6, "seed \(seed): a repaired matrix moves by \(again.distance)")
        }
    }
}
