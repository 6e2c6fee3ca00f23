/// Marginal band rates of increment sharing (税收增量比例返还) resolved for one year.
public struct BandSchedule: Sendable, Equatable {
    /// Upper bounds of all but the last band, strictly increasing.
    public var upperBounds: [Double]
    /// Rates of every band (one more than `upperBounds`).
    public var rates: [Double]

    /// Creates a schedule.
    public init(upperBounds: [Double], rates: [Double]) {
        precondition(rates.count == upperBounds.count + 1)
        self.upperBounds = upperBounds
        self.rates = rates
    }

    /// ρ = Σ_j r_j · max(0, min(I, u_j) − u_{j−1}) with u_0 = 0 and the last band open.
    @inlinable public func rebate(on increment: Double) -> Double {
        var total = 0.0
        var lower = 0.0
        for j in 0..<rates.count {
            let upper = j < upperBounds.count ? upperBounds[j] : Double.infinity
            if increment <= lower { break }
            total += rates[j] * (min(increment, upper) - lower)
            lower = upper
        }
        return total
    }

    /// The part of `increment` that falls in each band.
    public func portions(of increment: Double) -> [Double] {
        var lower = 0.0
        return rates.indices.map { j in
            let upper = j < upperBounds.count ? upperBounds[j] : Double.infinity
            defer { lower = upper }
            return max(0, min(increment, upper) - lower)
        }
    }
}
