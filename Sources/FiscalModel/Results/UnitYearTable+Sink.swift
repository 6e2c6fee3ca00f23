extension UnitYearTable.Builder: ProjectionSink {
    /// Appends a projected year straight from the engine's one-path columns (issue 22), read
    /// through the year's views without building rows.
    mutating func take(_ projected: ProjectedYear, districts: [DistrictYear]) {
        precondition(feeCount == projected.engine.fees.count, "one column per fee category")
        append(projected.units, year: projected.year)
    }
}
