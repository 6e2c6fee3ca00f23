/// A non-decreasing map of a row's values whose statistics come from the row's own selection
/// (`RowStatistics.compute(…also:transform:…)`): a unit's gap, resources − need (缺口), and its
/// self-sufficiency, resources / need (自给率). A value rather than a closure, so that the passes
/// over the row are compiled with the arithmetic in line.
public enum RowTransform: Sendable, Equatable {
    /// value − amount.
    case minus(Double)
    /// value / amount, for amount > 0.
    case dividedBy(Double)

    /// The value itself: v − 0 is v bit for bit (−0 included); what a statistic without a
    /// derived row passes.
    public static let identity = RowTransform.minus(0)

    /// The transformed value.
    @inlinable @inline(__always)
    public func callAsFunction(_ value: Double) -> Double {
        switch self {
        case .minus(let amount): value - amount
        case .dividedBy(let amount): value / amount
        }
    }
}

extension RowStatistics {
    /// The mean of `transform(values[p])` over p < n, the same bits as `mean(_:count:_:)` with the
    /// closure `{ transform($0) }`, the case decided once outside the pass.
    @inlinable
    public static func mean(_ values: UnsafePointer<Double>, count n: Int, _ transform: RowTransform) -> Double {
        switch transform {
        case .minus(let amount): mean(values, count: n) { $0 - amount }
        case .dividedBy(let amount): mean(values, count: n) { $0 / amount }
        }
    }
}
