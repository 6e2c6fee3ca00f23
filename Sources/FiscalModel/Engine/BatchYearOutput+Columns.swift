/// The per-path columns of `BatchYearOutput` by their catalogue names (`UnitYearColumn.perPath`,
/// `DistrictYearColumn.perPath`), so code that moves whole years between outputs (the paths of
/// a wave state, model.md §20) names no column by hand.
extension BatchYearOutput {
    /// Where unit column `column` (one of `UnitYearColumn.perPath`) is written.
    public subscript(_ column: UnitYearColumn) -> UnsafeMutablePointer<Double> {
        switch column {
        case .tax: tax
        case .reference: reference
        case .increment: increment
        case .rebate: rebate
        case .donations: donations
        case .resources: resources
        default: preconditionFailure("\(column) is not written per path")
        }
    }

    /// Where district column `column` (one of `DistrictYearColumn.perPath`) is written.
    public subscript(_ column: DistrictYearColumn) -> UnsafeMutablePointer<Double> {
        switch column {
        case .tax: districtTax
        case .rebates: rebates
        case .capacityFactor: capacityFactor
        case .donationsPooled: donationsPooled
        case .donationsAllocated: donationsAllocated
        case .donationsReserve: donationsReserve
        case .resources: districtResources
        default: preconditionFailure("\(column) is not written per path")
        }
    }
}
