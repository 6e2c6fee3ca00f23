/// One district in one projected year of one variant, unrounded: a row of `districts.csv`.
public struct DistrictYear: Sendable, Equatable {
    /// District index in declared order.
    public var district: Int
    /// Projected year.
    public var year: Int
    /// Retained tax Σ T.
    public var tax: Double
    /// Rebates paid Σ ρ.
    public var rebates: Double
    /// Capacity factor φ (1 when not binding).
    public var capacityFactor: Double
    /// Net revenue of the same variant's no-adoption run on the same draws.
    public var counterfactualNetRevenue: Double
    /// C_k(t) per fee category.
    public var feesCollected: [Double]
    /// Σ_i F_{k,i} per fee category.
    public var feesTransferred: [Double]
    /// Collected − transferred per fee category (stays with the line department).
    public var feesRetained: [Double]
    /// D(t).
    public var donationsPooled: Double
    /// Σ donations received by units.
    public var donationsAllocated: Double
    /// Pooled − reserve − allocated.
    public var donationsRetained: Double
    /// ψ·D(t).
    public var donationsReserve: Double
    /// Σ need.
    public var need: Double
    /// Σ resources.
    public var resources: Double

    /// Creates a district-year.
    public init(
        district: Int, year: Int, tax: Double, rebates: Double, capacityFactor: Double,
        counterfactualNetRevenue: Double, feesCollected: [Double], feesTransferred: [Double],
        feesRetained: [Double], donationsPooled: Double, donationsAllocated: Double, donationsRetained: Double,
        donationsReserve: Double, need: Double, resources: Double
    ) {
        self.district = district
        self.year = year
        self.tax = tax
        self.rebates = rebates
        self.capacityFactor = capacityFactor
        self.counterfactualNetRevenue = counterfactualNetRevenue
        self.feesCollected = feesCollected
        self.feesTransferred = feesTransferred
        self.feesRetained = feesRetained
        self.donationsPooled = donationsPooled
        self.donationsAllocated = donationsAllocated
        self.donationsRetained = donationsRetained
        self.donationsReserve = donationsReserve
        self.need = need
        self.resources = resources
    }

    /// Σ T − Σ ρ.
    public var netRevenue: Double { tax - rebates }
    /// Net revenue − counterfactual net revenue: the extra pressure the reform puts on the
    /// upper level (negative) or relieves (positive).
    public var reformEffect: Double { netRevenue - counterfactualNetRevenue }
    /// Resources − need.
    public var gap: Double { resources - need }

    /// Net revenue of `districts[d][y]` by year, `[year][district]`.
    public static func netRevenueByYear(_ districts: [[DistrictYear]]) -> [[Double]] {
        guard let years = districts.first?.count else { return [] }
        return (0..<years).map { y in districts.map { $0[y].netRevenue } }
    }
}
