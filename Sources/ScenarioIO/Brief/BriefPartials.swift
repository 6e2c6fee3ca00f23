import FiscalModel
import Foundation

/// `brief-partials.bin`, written by a shard of a Monte Carlo run (model.md §16) beside its
/// `brief.csv` (which holds the shard's districts only): per reported variant and path, the
/// exact sums over the shard's districts of each year's reform effect (integers of 2^−32),
/// whether one of them binds and their units with a gap. `merge` adds the shards' partials —
/// exactly, in any order — to compute each variant's `all` row as the unsharded run does, and
/// does not copy the file.
///
/// Layout, little-endian: `FSBRIEF1`, Int64 variants, years, paths, Float64 discount rate; per
/// variant years × paths Int128 (low then high 64 bits), paths bytes (binding 0/1), paths Int64
/// (units with a gap).
public struct BriefPartials: Equatable {
    /// The file name.
    public static let fileName = "brief-partials.bin"
    static let magic = Data("FSBRIEF1".utf8)

    /// Dimensions and the discount rate.
    public var variants: Int, years: Int, paths: Int, discountRate: Double
    /// `partials[v][y * paths + p]`.
    public var partials: [[Int128]]
    /// `binding[v][p]`.
    public var binding: [[Bool]]
    /// `unitsWithGap[v][p]`.
    public var unitsWithGap: [[Int]]

    /// The partials of a shard's `brief`.
    public init(_ brief: PathBrief) {
        variants = brief.all.count
        years = brief.yearCount
        paths = brief.paths
        discountRate = brief.discountRate
        partials = brief.yearlyPartials
        binding = brief.all.map(\.binding)
        unitsWithGap = brief.all.map(\.unitsWithGap)
    }

    /// The bytes of the file.
    public func encoded() -> Data {
        var data = Self.magic
        func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { data.append(contentsOf: $0) } }
        int(variants); int(years); int(paths)
        withUnsafeBytes(of: discountRate.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        for v in 0..<variants {
            for value in partials[v] {
                withUnsafeBytes(of: UInt64(truncatingIfNeeded: value).littleEndian) { data.append(contentsOf: $0) }
                withUnsafeBytes(of: Int64(truncatingIfNeeded: value >> 64).littleEndian) { data.append(contentsOf: $0) }
            }
            data.append(contentsOf: binding[v].map { $0 ? 1 : 0 })
            for count in unitsWithGap[v] { int(count) }
        }
        return data
    }

    /// Reads a file written by `encoded()`; `nil` when it is not one.
    public init?(_ data: Data) {
        let bytes = [UInt8](data)
        var offset = Self.magic.count
        guard bytes.count >= offset + 32, Data(bytes[0..<offset]) == Self.magic else { return nil }
        func word() -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * k) }
            offset += 8
            return value
        }
        (variants, years, paths) = (Int(Int64(bitPattern: word())), Int(Int64(bitPattern: word())), Int(Int64(bitPattern: word())))
        discountRate = Double(bitPattern: word())
        guard variants >= 0, years >= 0, paths >= 0,
            bytes.count == offset + variants * (years * paths * 16 + paths * 9)
        else { return nil }
        (partials, binding, unitsWithGap) = ([], [], [])
        for _ in 0..<variants {
            partials.append((0..<(years * paths)).map { _ in
                let low = word()
                return Int128(Int64(bitPattern: word())) << 64 | Int128(low)
            })
            binding.append(bytes[offset..<(offset + paths)].map { $0 != 0 })
            offset += paths
            unitsWithGap.append((0..<paths).map { _ in Int(Int64(bitPattern: word())) })
        }
    }

    /// The shards' partials added up (the same dimensions), or `nil` when they differ.
    public static func sum(_ shards: [BriefPartials]) -> BriefPartials? {
        guard var total = shards.first else { return nil }
        for shard in shards.dropFirst() {
            guard (shard.variants, shard.years, shard.paths, shard.discountRate) == (total.variants, total.years, total.paths, total.discountRate)
            else { return nil }
            for v in 0..<total.variants {
                for k in total.partials[v].indices { total.partials[v][k] += shard.partials[v][k] }
                for p in 0..<total.paths {
                    total.binding[v][p] = total.binding[v][p] || shard.binding[v][p]
                    total.unitsWithGap[v][p] += shard.unitsWithGap[v][p]
                }
            }
        }
        return total
    }

    /// Variant `v`'s `all` row.
    public func allRow(_ v: Int) -> PathBrief.Row {
        PathBrief.allRow(
            partials: partials[v], binding: binding[v], unitsWithGap: unitsWithGap[v], years: years, paths: paths,
            discountRate: discountRate)
    }
}
