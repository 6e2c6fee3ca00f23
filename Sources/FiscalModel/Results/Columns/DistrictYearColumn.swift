/// The columns of `districts.csv` (区年度表, model.md §9), in file order: the one catalogue of a
/// district-year's name, Chinese title, kind, Monte Carlo reporting, where the engine writes it
/// per path and how it is read from a `DistrictYear`. Columns that `units.csv` also has mean
/// the same there (their sum over the district's units).
///
/// To add a column: add a case here, in file order, and fill in each property below (see the
/// README, "How to add an output column").
public enum DistrictYearColumn: String, TableColumn {
    /// The variant (方案).
    case variant
    /// The district id.
    case district
    /// The projected year.
    case year
    /// Σ T.
    case tax
    /// Σ ρ.
    case rebates
    /// φ_d(t).
    case capacityFactor = "capacity_factor"
    /// Σ T − Σ ρ.
    case netRevenue = "net_revenue"
    /// The same variant's no-adoption net revenue.
    case counterfactualNetRevenue = "counterfactual_net_revenue"
    /// Net revenue − counterfactual net revenue.
    case reformEffect = "reform_effect"
    /// Σ_k C_k.
    case feesCollected = "fees_collected"
    /// Σ_k Σ_i F_{k,i}.
    case feesTransferred = "fees_transferred"
    /// Collected − transferred.
    case feesRetained = "fees_retained"
    /// D(t).
    case donationsPooled = "donations_pooled"
    /// Σ donations received.
    case donationsAllocated = "donations_allocated"
    /// Pooled − reserve − allocated.
    case donationsRetained = "donations_retained"
    /// ψ·D(t).
    case donationsReserve = "donations_reserve"
    /// Σ need.
    case need
    /// Σ resources.
    case resources
    /// Resources − need.
    case gap
    /// C_k, one column per fee category.
    case feesCollectedOf = "fees_collected_"
    /// Σ_i F_{k,i}, one column per fee category.
    case feesTransferredOf = "fees_transferred_"
    /// C_k − Σ_i F_{k,i}, one column per fee category.
    case feesRetainedOf = "fees_retained_"
    /// The district's name.
    case districtName = "district_name"

    /// The header name (the prefix of a per-category column).
    public var name: String { rawValue }

    /// What the column means.
    public var entry: ColumnEntry {
        switch self {
        case .variant: UnitYearColumn.variant.entry
        case .district: UnitYearColumn.district.entry
        case .year: UnitYearColumn.year.entry
        case .tax: UnitYearColumn.tax.entry
        case .need: UnitYearColumn.need.entry
        case .resources: UnitYearColumn.resources.entry
        case .gap: UnitYearColumn.gap.entry
        case .rebates: .init(kind: .money, description: "Rebates paid by the district", chinese: "返还总额")
        case .capacityFactor: .init(kind: .ratio, description: "Capacity scaling factor φ applied to the district's rebates (1 when the limit does not bind)", chinese: "承受能力系数")
        case .netRevenue: .init(kind: .money, description: "Retained tax − rebates", chinese: "净收入")
        case .counterfactualNetRevenue: .init(kind: .money, description: "Net revenue of the same variant with nothing adopted, on the same draws", chinese: "反事实净收入")
        case .reformEffect: .init(kind: .money, description: "Net revenue − counterfactual net revenue: negative means extra pressure on the upper-level budget", chinese: "改革效应")
        case .feesCollected: .init(kind: .money, description: "Line fees collected in the district (all categories)", chinese: "条费征收")
        case .feesTransferred: .init(kind: .money, description: "Line fees passed to units (条费转块)", chinese: "条费下拨")
        case .feesRetained: .init(kind: .money, description: "Line fees kept by the line departments", chinese: "条费留存")
        case .donationsPooled: .init(kind: .money, description: "Donations pooled in the district", chinese: "募集资金总额")
        case .donationsAllocated: .init(kind: .money, description: "Donations handed down to units", chinese: "募集资金下拨")
        case .donationsRetained: .init(kind: .money, description: "Donations left in the pool (units not adopted or not eligible)", chinese: "募集资金留存")
        case .donationsReserve: .init(kind: .money, description: "Donation reserve kept at district level", chinese: "募集资金储备")
        case .feesCollectedOf: .init(kind: .money, description: "Fee collected in the district for category", chinese: "征收")
        case .feesTransferredOf: .init(kind: .money, description: "Fee passed to units for category", chinese: "下拨")
        case .feesRetainedOf: .init(kind: .money, description: "Fee kept by the line department for category", chinese: "留存")
        case .districtName: .init(kind: .string, description: "District name", chinese: "区名称")
        }
    }

    /// The three per-category fee columns form one block.
    public var categoryBlock: Int? {
        switch self {
        case .feesCollectedOf, .feesTransferredOf, .feesRetainedOf: 0
        default: nil
        }
    }

    /// Every value column but the per-category fees.
    public var reportedByMonteCarlo: Bool {
        switch self {
        case .variant, .district, .year, .districtName, .feesCollectedOf, .feesTransferredOf, .feesRetainedOf: false
        default: true
        }
    }

    /// The per-category columns whose sum this column is (`fees_collected` → `fees_collected_<id>`).
    public var categories: DistrictYearColumn? {
        switch self {
        case .feesCollected: .feesCollectedOf
        case .feesTransferred: .feesTransferredOf
        case .feesRetained: .feesRetainedOf
        default: nil
        }
    }

    /// The columns the yearly engine writes per path (they depend on the draws), in the order
    /// of `YearColumns`' district buffer; the others are derived from them or the same on
    /// every path.
    public static let perPath: [DistrictYearColumn] = [
        .tax, .rebates, .capacityFactor, .donationsPooled, .donationsAllocated, .donationsReserve, .resources,
    ]

    /// The value of this column in `row` (the fee category `category` of a per-category
    /// column); `nil` for an identifier.
    public func value(in row: DistrictYear, category: Int? = nil) -> Double? {
        switch self {
        case .variant, .district, .districtName: nil
        case .year: Double(row.year)
        case .tax: row.tax
        case .rebates: row.rebates
        case .capacityFactor: row.capacityFactor
        case .netRevenue: row.netRevenue
        case .counterfactualNetRevenue: row.counterfactualNetRevenue
        case .reformEffect: row.reformEffect
        case .feesCollected: row.feesCollected.reduce(0, +)
        case .feesTransferred: row.feesTransferred.reduce(0, +)
        case .feesRetained: row.feesRetained.reduce(0, +)
        case .donationsPooled: row.donationsPooled
        case .donationsAllocated: row.donationsAllocated
        case .donationsRetained: row.donationsRetained
        case .donationsReserve: row.donationsReserve
        case .need: row.need
        case .resources: row.resources
        case .gap: row.gap
        case .feesCollectedOf: row.feesCollected[category!]
        case .feesTransferredOf: row.feesTransferred[category!]
        case .feesRetainedOf: row.feesRetained[category!]
        }
    }
}

/// A written column of `units.csv`.
public typealias UnitYearField = ColumnField<UnitYearColumn>
/// A written column of `districts.csv`.
public typealias DistrictYearField = ColumnField<DistrictYearColumn>
