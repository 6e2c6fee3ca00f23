import Foundation
import FiscalModel
import Testing

/// The counter-based generator and the shocks drawn from it (model.md §8).
@Suite("Random draws: Philox, correlated tax shocks, lognormal donation shocks")
struct RandomDrawTests {
    @Test func philoxMatchesTheRandom123KnownAnswers() {
        // Known-answer vectors of philox4x32_10 from Random123's kat_vectors.
        let zero = Philox4x32(seed: 0).block((0, 0, 0, 0))
        #expect([zero.0, zero.1, zero.2, zero.3] == [0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8])
        let ones = Philox4x32(seed: 0xFFFF_FFFF_FFFF_FFFF).block((0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF))
        #expect([ones.0, ones.1, ones.2, ones.3] == [0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD])
        let pi = Philox4x32(seed: 0x299F_31D0_A409_3822).block((0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344))
        #expect([pi.0, pi.1, pi.2, pi.3] == [0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1])
    }

    @Test func aDrawDependsOnlyOnItsCounter() {
        let draws = NormalDraws(seed: 42)
        var filled = [Double](repeating: 0, count: 7)
        filled.withUnsafeMutableBufferPointer {
            draws.fill($0.baseAddress!, stride: 1, count: 7, path: 9, year: 3, stream: .unit)
        }
        for index in 0..<7 {
            #expect(filled[index] == draws.normal(path: 9, year: 3, stream: .unit, index: index), "draw \(index)")
        }
        #expect(draws.normal(path: 9, year: 3, stream: .unit, index: 0) != draws.normal(path: 10, year: 3, stream: .unit, index: 0))
        #expect(draws.normal(path: 9, year: 3, stream: .unit, index: 0) != draws.normal(path: 9, year: 4, stream: .unit, index: 0))
        #expect(draws.normal(path: 9, year: 3, stream: .unit, index: 0) != draws.normal(path: 9, year: 3, stream: .district, index: 0))
        #expect(NormalDraws(seed: 43).normal(path: 9, year: 3, stream: .unit, index: 0) != filled[0])
    }

    /// z for `paths` paths of year 0, drawn in batches of 64 as the simulation does, `[path][unit]`.
    static func shocks(_ correlation: CorrelationStructure, districtOf: [Int], paths: Int, seed: UInt64 = 7) -> [[Double]] {
        let shocks = TaxShocks(correlation: correlation, districtOf: districtOf, seed: seed)
        let n = districtOf.count
        var out: [[Double]] = []
        var buffer = [Double](repeating: 0, count: n * 64)
        var scratch = [Double](repeating: 0, count: 16)
        var first = 0
        while first < paths {
            let count = min(64, paths - first)
            buffer.withUnsafeMutableBufferPointer { z in
                scratch.withUnsafeMutableBufferPointer { s in
                    shocks.fill(z.baseAddress!, firstPath: first, paths: count, year: 0, districtScratch: s.baseAddress!)
                }
            }
            for p in 0..<count { out.append((0..<n).map { buffer[$0 * count + p] }) }
            first += count
        }
        return out
    }

    /// Sample mean, variance and correlation matrix of the columns of `rows`.
    static func moments(_ rows: [[Double]]) -> (mean: [Double], variance: [Double], correlation: [[Double]]) {
        let n = rows[0].count
        let s = Double(rows.count)
        let mean = (0..<n).map { i in rows.reduce(0) { $0 + $1[i] } / s }
        let covariance = (0..<n).map { i in
            (0..<n).map { j in rows.reduce(0) { $0 + ($1[i] - mean[i]) * ($1[j] - mean[j]) } / (s - 1) }
        }
        let variance = (0..<n).map { covariance[$0][$0] }
        let correlation = (0..<n).map { i in (0..<n).map { j in covariance[i][j] / (variance[i] * variance[j]).squareRoot() } }
        return (mean, variance, correlation)
    }

    /// Checks sample moments against the target correlation within 4.5 standard errors.
    static func expectMoments(
        _ rows: [[Double]], correlation target: (Int, Int) -> Double, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let s = Double(rows.count)
        let (mean, variance, correlation) = moments(rows)
        for i in mean.indices {
            #expect(abs(mean[i]) < 4.5 / s.squareRoot(), "unit \(i): mean \(mean[i])", sourceLocation: sourceLocation)
            #expect(abs(variance[i] - 1) < 4.5 * (2 / s).squareRoot(), "unit \(i): variance \(variance[i])", sourceLocation: sourceLocation)
            for j in mean.indices where j > i {
                let rho = target(i, j)
                let tolerance = 4.5 * (1 - rho * rho) / s.squareRoot()
                #expect(abs(correlation[i][j] - rho) < tolerance, "units \(i),\(j): correlation \(correlation[i][j]), expected \(rho) ± \(tolerance)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func independentShocksAreStandardNormal() {
        let rows = Self.shocks(.independent, districtOf: [0, 0, 1], paths: 20_000)
        Self.expectMoments(rows) { _, _ in 0 }
    }

    @Test func twoLevelShocksHaveTheWithinAndAcrossDistrictCorrelations() {
        let districtOf = [0, 0, 0, 1, 1, 2]
        let rows = Self.shocks(.twoLevel(withinDistrict: 0.6, acrossDistricts: 0.25), districtOf: districtOf, paths: 20_000)
        Self.expectMoments(rows) { i, j in districtOf[i] == districtOf[j] ? 0.6 : 0.25 }
    }

    @Test func matrixShocksHaveTheMatrixCorrelations() throws {
        let entries: [Double] = [
            1, 0.5, 0.2, 0,
            0.5, 1, -0.3, 0.1,
            0.2, -0.3, 1, 0.4,
            0, 0.1, 0.4, 1,
        ]
        let matrix = try CorrelationMatrix(size: 4, entries: entries)
        let rows = Self.shocks(.matrix(matrix), districtOf: [0, 0, 0, 0], paths: 20_000)
        Self.expectMoments(rows) { i, j in entries[i * 4 + j] }
    }

    @Test func aMatrixThatIsNotPositiveDefiniteNamesTheFailedCheck() {
        // a ≈ b, b ≈ c, but a and c strongly opposed: no such random variables exist.
        let entries: [Double] = [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1]
        #expect(throws: CorrelationMatrix.Problem.notPositiveDefinite(order: 3)) {
            try CorrelationMatrix(size: 3, entries: entries)
        }
        #expect(throws: CorrelationMatrix.Problem.notSymmetric(row: 0, column: 1, value: 0.5, mirrored: 0.4)) {
            try CorrelationMatrix(size: 2, entries: [1, 0.5, 0.4, 1])
        }
        let description = CorrelationMatrix.Problem.notPositiveDefinite(order: 3).description
        #expect(description.contains("positive definite") && description.contains("dpotrf"))
    }

    @Test func donationFactorsAreMeanOneLognormal() {
        let sigma = 0.25
        let paths = 20_000
        var factors: [Double] = []
        var buffer = [Double](repeating: 0, count: 2 * 64)
        var first = 0
        while first < paths {
            let count = min(64, paths - first)
            buffer.withUnsafeMutableBufferPointer {
                DonationShocks.fill(
                    $0.baseAddress!, volatility: [sigma], districtCount: 2, draws: NormalDraws(seed: 3), firstPath: first,
                    paths: count, year: 2)
            }
            factors += buffer.prefix(2 * count)
            first += count
        }
        let s = Double(factors.count)
        let mean = factors.reduce(0, +) / s
        let standardError = ((Foundation.exp(sigma * sigma) - 1) / s).squareRoot()
        #expect(abs(mean - 1) < 4.5 * standardError, "mean factor \(mean)")
        let logs = factors.map { Foundation.log($0) }
        let logMean = logs.reduce(0, +) / s
        let logVariance = logs.reduce(0) { $0 + ($1 - logMean) * ($1 - logMean) } / (s - 1)
        #expect(abs(logMean + sigma * sigma / 2) < 4.5 * sigma / s.squareRoot(), "mean log factor \(logMean)")
        #expect(abs(logVariance - sigma * sigma) < 4.5 * sigma * sigma * (2 / s).squareRoot(), "log variance \(logVariance)")
    }
}
