import COpenBLAS
import Foundation

/// Draws the correlated standard-normal tax-growth shocks z_i(t) of SPEC §8 for a batch of
/// paths, unit-major with a unit's paths contiguous: `[i * paths + p]`.
///
/// The idiosyncratic draws η_i, the common factor f and the district factors f_d come from
/// `NormalDraws` keyed by (seed, path, year, stream), so the shocks of a path never depend on
/// which batch or thread computes it. Common random numbers: every variant and counterfactual
/// with the same correlation structure sees the same z.
public struct TaxShocks: Sendable {
    /// The correlation structure.
    public let correlation: CorrelationStructure
    /// District of each unit.
    public let districtOf: [Int]
    /// The draws.
    public let draws: NormalDraws

    /// Shocks for `correlation` among units in districts `districtOf`, drawn from `seed`.
    public init(correlation: CorrelationStructure, districtOf: [Int], seed: UInt64) {
        self.correlation = correlation
        self.districtOf = districtOf
        self.draws = NormalDraws(seed: seed)
    }

    /// Fills `out[i * paths + p]` with z_i for paths `firstPath ..< firstPath + paths` in
    /// projected year index `year`. `districtScratch` holds at least (districts + 1) values.
    public func fill(
        _ out: UnsafeMutablePointer<Double>, firstPath: Int, paths: Int, year: Int,
        districtScratch: UnsafeMutablePointer<Double>
    ) {
        let n = districtOf.count
        for p in 0..<paths {
            draws.fill(out + p, stride: paths, count: n, path: firstPath + p, year: year, stream: .unit)
        }
        switch correlation {
        case .independent:
            return
        case let .twoLevel(within, across):
            let a = across.squareRoot()
            let b = (within - across).squareRoot()
            let c = (1 - within).squareRoot()
            let districtCount = (districtOf.max() ?? -1) + 1
            for p in 0..<paths {
                let common = draws.normal(path: firstPath + p, year: year, stream: .common, index: 0)
                draws.fill(
                    districtScratch, stride: 1, count: districtCount, path: firstPath + p, year: year,
                    stream: .district)
                for i in 0..<n {
                    let k = i * paths + p
                    out[k] = a * common + b * districtScratch[districtOf[i]] + c * out[k]
                }
            }
        case let .matrix(matrix):
            // z = L·η for every path at once: one triangular matrix product (BLAS dtrmm).
            matrix.lowerFactor.withUnsafeBufferPointer { factor in
                cblas_dtrmm(
                    CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), Int32(paths), 1.0,
                    factor.baseAddress, Int32(n), out, Int32(paths))
            }
        }
    }
}

/// The mean-one lognormal donation factors exp(σ_s·w − σ_s²/2) of SPEC §8, one per source,
/// district and path, with w drawn independently per source, district and year.
public enum DonationShocks {
    /// Fills `out[(s * districtCount + d) * paths + p]` for `volatility[s]` = σ_s(t).
    public static func fill(
        _ out: UnsafeMutablePointer<Double>, volatility: [Double], districtCount: Int, draws: NormalDraws,
        firstPath: Int, paths: Int, year: Int
    ) {
        let count = volatility.count * districtCount
        for p in 0..<paths {
            draws.fill(out + p, stride: paths, count: count, path: firstPath + p, year: year, stream: .donation)
        }
        for (s, sigma) in volatility.enumerated() {
            let shift = sigma * sigma / 2
            for d in 0..<districtCount {
                let row = out + (s * districtCount + d) * paths
                for p in 0..<paths { row[p] = Foundation.exp(sigma * row[p] - shift) }
            }
        }
    }
}
