import Foundation

/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
/// counter-based generator. The output is a pure function of a 64-bit key and a 128-bit
/// counter, so any draw can be computed on its own, in any order, on any thread.
///
/// The Monte Carlo engine keys it by the run's seed and counts by (draw index, path, year,
/// stream): the draws a path sees never depend on how paths are split among threads or chunks.
public struct Philox4x32: Sendable, Equatable {
    /// The two key words (the seed's low and high 32 bits).
    public let key: (UInt32, UInt32)

    /// A generator keyed by `seed`.
    public init(seed: UInt64) { key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)) }

    /// Four 32-bit random words for `counter` (ten Philox rounds).
    @inlinable
    public func block(_ counter: (UInt32, UInt32, UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= 0x9E37_79B9
                k1 &+= 0xBB67_AE85
            }
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
        }
        return (c0, c1, c2, c3)
    }

    /// Equatable by key.
    public static func == (lhs: Philox4x32, rhs: Philox4x32) -> Bool { lhs.key == rhs.key }
}

/// Standard normal draws from `Philox4x32`, two per counter block by the Box–Muller transform.
///
/// Draw `index` of `stream` for `path` in projected year `year` is a pure function of
/// (seed, path, year, stream, index).
public struct NormalDraws: Sendable, Equatable {
    /// Which quantity a stream of draws feeds.
    public enum Stream: UInt32, Sendable {
        /// Idiosyncratic tax shocks η_i, index = unit.
        case unit = 0
        /// The common factor f, index 0.
        case common = 1
        /// District factors f_d, index = district.
        case district = 2
        /// Donation shocks w, index = source × districtCount + district.
        case donation = 3
    }

    /// The underlying generator.
    public let generator: Philox4x32

    /// Draws for `seed`.
    public init(seed: UInt64) { generator = Philox4x32(seed: seed) }

    /// The pair of normals in block `block` (draws 2·block and 2·block + 1).
    @inlinable
    public func pair(path: Int, year: Int, stream: Stream, block: Int) -> (Double, Double) {
        let words = generator.block((UInt32(truncatingIfNeeded: block), UInt32(truncatingIfNeeded: path),
                                     UInt32(truncatingIfNeeded: year), stream.rawValue))
        // Two 53-bit uniforms: u1 ∈ (0, 1] (safe for the logarithm), u2 ∈ [0, 1).
        let bits1 = (UInt64(words.0) << 21) ^ (UInt64(words.1) >> 11)
        let bits2 = (UInt64(words.2) << 21) ^ (UInt64(words.3) >> 11)
        let u1 = (Double(bits1 & ((1 << 53) - 1)) + 1) * 0x1p-53
        let u2 = Double(bits2 & ((1 << 53) - 1)) * 0x1p-53
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (radius * Foundation.cos(angle), radius * Foundation.sin(angle))
    }

    /// Draw `index` of `stream`.
    @inlinable
    public func normal(path: Int, year: Int, stream: Stream, index: Int) -> Double {
        let (a, b) = pair(path: path, year: year, stream: stream, block: index >> 1)
        return index & 1 == 0 ? a : b
    }

    /// Draws 0..<count of `stream` into `out[j * stride]`.
    @inlinable
    public func fill(
        _ out: UnsafeMutablePointer<Double>, stride: Int, count: Int, path: Int, year: Int, stream: Stream
    ) {
        var j = 0
        while j < count {
            let (a, b) = pair(path: path, year: year, stream: stream, block: j >> 1)
            out[j * stride] = a
            if j + 1 < count { out[(j + 1) * stride] = b }
            j += 2
        }
    }
}
