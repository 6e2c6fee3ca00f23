/// Rounds amounts for output (model.md §9, §13): the shortest round-trip decimal of the Double is
/// rounded to `precision` decimals by `rule`.
public struct MoneyRounding: Sendable, Equatable {
    /// Decimals kept.
    public var precision: Int
    /// Half-up (四舍五入) or half-even.
    public var rule: RoundingRule

    /// Creates a rounding.
    public init(precision: Int, rule: RoundingRule) {
        self.precision = precision
        self.rule = rule
    }

    /// `value` rounded.
    public func round(_ value: Double) -> ScaledAmount {
        let decimal = ShortestDecimal(value)
        let (whole, fraction) = decimal.split(at: precision)
        var magnitude = whole
        if let first = fraction.first {
            let restNonZero = fraction.dropFirst().contains { $0 != 0 }
            let roundUp: Bool
            if first > 5 || (first == 5 && restNonZero) {
                roundUp = true
            } else if first == 5 {
                roundUp = rule == .halfUp || whole % 2 == 1
            } else {
                roundUp = false
            }
            if roundUp { magnitude = ScaledAmount.add(magnitude, 1) }
        }
        return ScaledAmount(units: decimal.isNegative ? -magnitude : magnitude, precision: precision)
    }

    /// `value` rounded and written as text.
    public func text(_ value: Double) -> String { round(value).text }

    /// Floor of `value` at `precision` decimals and the remainder digits below it (compared
    /// as decimal fractions), both of the shortest round-trip decimal.
    func floorAndRemainder(_ value: Double) -> (floor: Int128, remainder: [UInt8]) {
        let decimal = ShortestDecimal(value)
        let (whole, fraction) = decimal.split(at: precision)
        let fractionDigits = Array(fraction)
        guard decimal.isNegative, fractionDigits.contains(where: { $0 != 0 }) else {
            return (decimal.isNegative ? -whole : whole, fractionDigits)
        }
        // −(w + f) = −(w + 1) + (1 − f): complement the fraction digits.
        var complement = fractionDigits.map { 9 - $0 }
        var index = complement.count - 1
        while index >= 0 {
            if complement[index] == 9 {
                complement[index] = 0
                index -= 1
            } else {
                complement[index] += 1
                break
            }
        }
        return (-ScaledAmount.add(whole, 1), complement)
    }

    /// Rounds `parts` of a pool by the largest-remainder method so that they add up to
    /// `round(whole)`: each part gets its floor, then the parts with the largest remainders get
    /// one more unit until the sum matches; ties go to the earlier part.
    public func split(whole: Double, parts: [Double]) -> [ScaledAmount] {
        let target = round(whole).units
        let pieces = parts.map(floorAndRemainder)
        var amounts = pieces.map(\.floor)
        let shortfall = ScaledAmount.add(target, -amounts.reduce(0, ScaledAmount.add))
        let order = pieces.indices.sorted { a, b in
            let comparison = Self.compareFractions(pieces[a].remainder, pieces[b].remainder)
            return comparison != 0 ? comparison > 0 : a < b
        }
        guard !order.isEmpty, shortfall != 0 else { return amounts.map { ScaledAmount(units: $0, precision: precision) } }
        // One unit at a time round the order, as whole rounds at once: a shortfall of many
        // units (huge amounts, whose parts lose cents to floating point) takes no longer than one.
        // Parts that overshoot the whole (only through floating-point noise) give back from the
        // smallest remainders, latest first.
        let receivers = shortfall > 0 ? order : order.reversed()
        let count = Int128(receivers.count)
        let rounds = shortfall.magnitude / UInt128(count), extra = Int(shortfall.magnitude % UInt128(count))
        let step = shortfall > 0 ? Int128(rounds) : -Int128(rounds)
        for (position, index) in receivers.enumerated() {
            let one: Int128 = position < extra ? (shortfall > 0 ? 1 : -1) : 0
            amounts[index] = ScaledAmount.add(amounts[index], ScaledAmount.add(step, one))
        }
        return amounts.map { ScaledAmount(units: $0, precision: precision) }
    }

    /// Compares two decimal fractions given as digit lists (missing digits are zeros).
    static func compareFractions(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}
