/// Owns the memory one projected year of `paths` paths is written into (see `BatchYearOutput`):
/// unit columns `[i * paths + p]`, district columns `[d * paths + p]`.
public final class YearColumns: @unchecked Sendable {
    /// Number of paths per unit (the stride).
    public let paths: Int
    /// Unit columns: tax, reference, increment, rebate, donations, resources.
    public let unitBuffer: UnsafeMutableBufferPointer<Double>
    /// District columns: tax, rebates, capacity factor, pooled, reserve, allocated, resources.
    public let districtBuffer: UnsafeMutableBufferPointer<Double>
    private let unitCount: Int
    private let districtCount: Int

    /// Columns for `unitCount` units and `districtCount` districts over `paths` paths.
    public init(unitCount: Int, districtCount: Int, paths: Int) {
        self.paths = paths
        self.unitCount = unitCount
        self.districtCount = districtCount
        let units = max(1, 6 * unitCount * paths)
        unitBuffer = UnsafeMutableBufferPointer(start: LargeBuffer.allocate(units), count: units)
        let districts = max(1, 7 * districtCount * paths)
        districtBuffer = UnsafeMutableBufferPointer(start: LargeBuffer.allocate(districts), count: districts)
    }

    deinit {
        LargeBuffer.deallocate(unitBuffer.baseAddress!, count: unitBuffer.count)
        LargeBuffer.deallocate(districtBuffer.baseAddress!, count: districtBuffer.count)
    }

    /// Unit column `column` (0 tax, 1 reference, 2 increment, 3 rebate, 4 donations, 5 resources).
    public func unitColumn(_ column: Int) -> UnsafeMutablePointer<Double> {
        unitBuffer.baseAddress! + column * unitCount * paths
    }

    /// District column `column` (0 tax, 1 rebates, 2 capacity factor, 3 pooled, 4 reserve,
    /// 5 allocated, 6 resources).
    public func districtColumn(_ column: Int) -> UnsafeMutablePointer<Double> {
        districtBuffer.baseAddress! + column * districtCount * paths
    }

    /// The engine's output view of these columns, starting at path 0.
    public var output: BatchYearOutput {
        BatchYearOutput(
            unitStride: paths, tax: unitColumn(0), reference: unitColumn(1), increment: unitColumn(2),
            rebate: unitColumn(3), donations: unitColumn(4), resources: unitColumn(5), districtStride: paths,
            districtTax: districtColumn(0), rebates: districtColumn(1), capacityFactor: districtColumn(2),
            donationsPooled: districtColumn(3), donationsReserve: districtColumn(4),
            donationsAllocated: districtColumn(5), districtResources: districtColumn(6))
    }
}
