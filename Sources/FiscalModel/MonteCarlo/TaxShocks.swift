import COpenBLAS
import Foundation

/// Draws the correlated standard-normal tax-growth shocks z_i(t) of model.md §8 for a batch of
/// paths, unit-major with a unit's paths contiguous: `[i * paths + p]`.
///
/// The idiosyncratic draws η_i, the common factor f and the district factors f_d come from
/// `NormalDraws` keyed by (seed, path, year, stream), so the shocks of a path never depend on
/// which batch or thread computes it. Common random numbers: every variant and counterfactual
/// with the same correlation structure sees the same z.
public struct TaxShocks: Sendable {
    /// The correlation structure.
    public let correlation: CorrelationStructure
    /// Full-run district of each unit (the index of its district factor f_d).
    public let districtOf: [Int]
    /// Where the units sit in the full run's draws (a shard simulates a subset, model.md §16).
    public let indices: DrawIndices
    /// The draws.
    public let draws: NormalDraws

    /// Shocks for `correlation` among units in districts `districtOf`, drawn from `seed`.
    public init(correlation: CorrelationStructure, districtOf: [Int], seed: UInt64) {
        let districts = (districtOf.max() ?? -1) + 1
        self.init(
            correlation: correlation, districtOf: districtOf, seed: seed,
            indices: DrawIndices(
                fullUnitCount: districtOf.count, fullDistrictCount: districts, units: Array(districtOf.indices),
                districts: Array(0..<districts)))
    }

    /// Shocks for the units `indices.units` of a full run, in districts `districtOf` (local
    /// indices into `indices.districts`), drawn exactly as the full run draws them.
    public init(correlation: CorrelationStructure, districtOf: [Int], seed: UInt64, indices: DrawIndices) {
        precondition(districtOf.count == indices.units.count)
        self.correlation = correlation
        self.districtOf = districtOf.map { indices.districts[$0] }
        self.indices = indices
        self.draws = NormalDraws(seed: seed)
    }

    /// Scratch values `fill` needs for a batch of `paths` paths: the district factors, and with a
    /// correlation matrix in a shard the full run's z for the batch (N × paths).
    public func scratchCount(paths: Int) -> Int {
        let districts = indices.fullDistrictCount + 1
        guard case .matrix = correlation, !indices.isIdentity else { return districts }
        return max(districts, indices.fullUnitCount * paths)
    }

    /// Fills `out[i * paths + p]` with z_i for paths `firstPath ..< firstPath + paths` in
    /// projected year index `year`. `scratch` holds at least `scratchCount(paths:)` values.
    public func fill(
        _ out: UnsafeMutablePointer<Double>, firstPath: Int, paths: Int, year: Int,
        districtScratch scratch: UnsafeMutablePointer<Double>
    ) {
        let n = districtOf.count
        let identity = indices.isIdentity
        if case let .matrix(matrix) = correlation {
            // z = L·η for every unit of the full run and every path of the batch at once (one
            // BLAS dtrmm, the same product the unsharded run computes); a shard keeps its rows.
            let full = indices.fullUnitCount
            let z = identity ? out : scratch
            for p in 0..<paths {
                draws.fill(z + p, stride: paths, count: full, path: firstPath + p, year: year, stream: .unit)
            }
            matrix.lowerFactor.withUnsafeBufferPointer { factor in
                cblas_dtrmm(
                    CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(full), Int32(paths), 1.0,
                    factor.baseAddress, Int32(full), z, Int32(paths))
            }
            if !identity {
                for (j, i) in indices.units.enumerated() { (out + j * paths).update(from: z + i * paths, count: paths) }
            }
            return
        }
        for p in 0..<paths {
            if identity {
                draws.fill(out + p, stride: paths, count: n, path: firstPath + p, year: year, stream: .unit)
            } else {
                draws.gather(out + p, stride: paths, indices: indices.units, path: firstPath + p, year: year, stream: .unit)
            }
        }
        guard case let .twoLevel(within, across) = correlation else { return }
        let a = across.squareRoot()
        let b = (within - across).squareRoot()
        let c = (1 - within).squareRoot()
        for p in 0..<paths {
            let common = draws.normal(path: firstPath + p, year: year, stream: .common, index: 0)
            draws.fill(
                scratch, stride: 1, count: indices.fullDistrictCount, path: firstPath + p, year: year,
                stream: .district)
            for i in 0..<n {
                let k = i * paths + p
                out[k] = a * common + b * scratch[districtOf[i]] + c * out[k]
            }
        }
    }
}

/// The mean-one lognormal donation factors exp(σ_s·w − σ_s²/2) of model.md §8, one per source,
/// district and path, with w drawn independently per source, district and year.
public enum DonationShocks {
    /// Fills `out[(s * districtCount + d) * paths + p]` for `volatility[s]` = σ_s(t); with
    /// `indices` (a shard), district d draws what district `indices.districts[d]` of the full
    /// run draws.
    public static func fill(
        _ out: UnsafeMutablePointer<Double>, volatility: [Double], districtCount: Int, draws: NormalDraws,
        firstPath: Int, paths: Int, year: Int, indices: DrawIndices? = nil
    ) {
        let count = volatility.count * districtCount
        let gathered = indices.flatMap { indices in
            indices.isIdentity ? nil : volatility.indices.flatMap { s in indices.districts.map { s * indices.fullDistrictCount + $0 } }
        }
        for p in 0..<paths {
            if let gathered {
                draws.gather(out + p, stride: paths, indices: gathered, path: firstPath + p, year: year, stream: .donation)
            } else {
                draws.fill(out + p, stride: paths, count: count, path: firstPath + p, year: year, stream: .donation)
            }
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
