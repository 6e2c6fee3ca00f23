/// Owns the memory one projected year of `paths` paths is written into (see `BatchYearOutput`):
/// one block per per-path column of the catalogues (`UnitYearColumn.perPath`,
/// `DistrictYearColumn.perPath`), unit columns `[i * paths + p]`, district columns `[d * paths + p]`.
public final class YearColumns: @unchecked Sendable {
    /// Number of paths per unit (the stride).
    public let paths: Int
    /// Unit columns, one block per `UnitYearColumn.perPath` column.
    public let unitBuffer: UnsafeMutableBufferPointer<Double>
    /// District columns, one block per `DistrictYearColumn.perPath` column.
    public let districtBuffer: UnsafeMutableBufferPointer<Double>
    private let unitCount: Int
    private let districtCount: Int
    /// The memory behind `unitBuffer` and `districtBuffer`.
    private let storage: (units: Buffer, districts: Buffer)

    /// Columns for `unitCount` units and `districtCount` districts over `paths` paths.
    public init(unitCount: Int, districtCount: Int, paths: Int) {
        self.paths = paths
        self.unitCount = unitCount
        self.districtCount = districtCount
        storage = (Buffer(count: max(1, Self.doubles(units: unitCount, districts: 0, paths: paths))),
                   Buffer(count: max(1, Self.doubles(units: 0, districts: districtCount, paths: paths))))
        unitBuffer = UnsafeMutableBufferPointer(start: storage.units.pointer, count: storage.units.count)
        districtBuffer = UnsafeMutableBufferPointer(start: storage.districts.pointer, count: storage.districts.count)
    }

    /// How many values the columns of `units` units and `districts` districts over `paths`
    /// paths hold (for memory estimates).
    public static func doubles(units: Int, districts: Int, paths: Int) -> Int {
        (UnitYearColumn.perPath.count * units + DistrictYearColumn.perPath.count * districts) * paths
    }

    /// Unit column `column` (one of `UnitYearColumn.perPath`).
    public subscript(_ column: UnitYearColumn) -> UnsafeMutablePointer<Double> {
        unitBuffer.baseAddress! + Self.position(of: column) * unitCount * paths
    }

    /// District column `column` (one of `DistrictYearColumn.perPath`).
    public subscript(_ column: DistrictYearColumn) -> UnsafeMutablePointer<Double> {
        districtBuffer.baseAddress! + Self.position(of: column) * districtCount * paths
    }

    private static func position(of column: UnitYearColumn) -> Int {
        guard let position = UnitYearColumn.perPath.firstIndex(of: column) else {
            preconditionFailure("\(column) is not written per path")
        }
        return position
    }

    private static func position(of column: DistrictYearColumn) -> Int {
        guard let position = DistrictYearColumn.perPath.firstIndex(of: column) else {
            preconditionFailure("\(column) is not written per path")
        }
        return position
    }

    /// The engine's output view of these columns, starting at path 0.
    public var output: BatchYearOutput {
        BatchYearOutput(
            unitStride: paths, tax: self[UnitYearColumn.tax], reference: self[.reference],
            increment: self[UnitYearColumn.increment], rebate: self[UnitYearColumn.rebate],
            donations: self[UnitYearColumn.donations], resources: self[UnitYearColumn.resources],
            districtStride: paths, districtTax: self[DistrictYearColumn.tax], rebates: self[.rebates],
            capacityFactor: self[.capacityFactor], donationsPooled: self[.donationsPooled],
            donationsReserve: self[.donationsReserve], donationsAllocated: self[.donationsAllocated],
            districtResources: self[DistrictYearColumn.resources])
    }
}
