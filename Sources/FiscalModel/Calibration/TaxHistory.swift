/// Past tax outturns of a scenario's units, the input of `fiscal-sim calibrate` (model.md §17).
public struct TaxHistory: Sendable, Equatable {
    /// One unit's outturns.
    public struct Unit: Sendable, Equatable {
        /// The unit id.
        public var id: String
        /// Position of the unit's district in the scenario's district list.
        public var districtIndex: Int
        /// Tax T_i(t) by year (years ≤ the base year).
        public var tax: [Int: Double]

        /// Creates a unit's history.
        public init(id: String, districtIndex: Int, tax: [Int: Double]) {
            self.id = id
            self.districtIndex = districtIndex
            self.tax = tax
        }
    }

    /// Every unit of the scenario in file order (a unit absent from the history has no years).
    public var units: [Unit]
    /// The number of districts of the scenario.
    public var districtCount: Int

    /// Creates a history.
    public init(units: [Unit], districtCount: Int) {
        self.units = units
        self.districtCount = districtCount
    }
}

/// A unit's growth observations g_i(t) = T_i(t)/T_i(t−1) − 1, for the years t where both
/// years are present and T_i(t−1) > 0 (model.md §17), in ascending year order.
public struct GrowthSeries: Sendable, Equatable {
    /// The years t of the observations, ascending.
    public var years: [Int]
    /// g_i(t), in the order of `years`.
    public var growth: [Double]

    /// The observations of a tax history.
    public init(tax: [Int: Double]) {
        years = []
        growth = []
        for year in tax.keys.sorted() {
            guard let previous = tax[year - 1], previous > 0, let current = tax[year] else { continue }
            years.append(year)
            growth.append(current / previous - 1)
        }
    }

    /// Observations given directly.
    public init(years: [Int], growth: [Double]) {
        precondition(years.count == growth.count)
        self.years = years
        self.growth = growth
    }

    /// The number of observations n_i.
    public var count: Int { years.count }

    /// The paired observations of two series over the years both have, leaving out `excluded`.
    static func common(_ a: GrowthSeries, _ b: GrowthSeries, excluding excluded: Int? = nil) -> (x: [Double], y: [Double]) {
        var x: [Double] = []
        var y: [Double] = []
        var i = 0
        var j = 0
        while i < a.years.count, j < b.years.count {
            if a.years[i] < b.years[j] {
                i += 1
            } else if a.years[i] > b.years[j] {
                j += 1
            } else {
                if a.years[i] != excluded {
                    x.append(a.growth[i])
                    y.append(b.growth[j])
                }
                i += 1
                j += 1
            }
        }
        return (x, y)
    }
}
