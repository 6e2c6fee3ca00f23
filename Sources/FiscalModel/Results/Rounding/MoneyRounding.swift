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

    /// `value` rounded: in floating point when that is certain (`roundedByScaling`), else on
    /// the digits of the shortest decimal.
    public func round(_ value: Double) -> ScaledAmount {
        if let units = roundedByScaling(value) { return ScaledAmount(units: units, precision: precision) }
        return roundShortestDecimal(value)
    }

    /// `value` rounded on the digits of its shortest decimal (the exact path).
    func roundShortestDecimal(_ value: Double) -> ScaledAmount {
        let decimal = ShortestDecimal(value)
        let n = decimal.digitCount, cut = decimal.pointPosition + precision
        var magnitude: Int128
        // The first digit after the cut and whether any later digit is non-zero.
        var first: UInt64 = 0, restNonZero = false
        if n == 0 {
            magnitude = 0
        } else if cut >= n {
            magnitude = decimal.wholeUnits(cut: cut)
        } else if cut < 0 {
            magnitude = 0 // 0.00…d: the first digit after the cut is a zero
        } else {
            let below = ShortestDecimal.powerOfTen(n - cut - 1)
            let all = below * 10
            magnitude = Int128(decimal.significand / all)
            let rest = decimal.significand % all
            first = rest / below
            restNonZero = rest % below != 0
        }
        let roundUp: Bool
        if first > 5 || (first == 5 && restNonZero) {
            roundUp = true
        } else if first == 5 {
            roundUp = rule == .halfUp || magnitude % 2 == 1
        } else {
            roundUp = false
        }
        if roundUp { magnitude = ScaledAmount.add(magnitude, 1) }
        return ScaledAmount(units: decimal.isNegative ? -magnitude : magnitude, precision: precision)
    }

    /// `value` rounded and written as text.
    public func text(_ value: Double) -> String { round(value).text }

    /// The part of a pool below its floor at `precision` decimals, as a fraction of one unit held
    /// exactly as a count of 10^-38 (`nil` when it needs more than 38 decimals: values below
    /// about 10^-19 of a unit, which `split` handles digit by digit).
    static let remainderScale = 38

    /// Floor of `value` at `precision` decimals and the remainder below it as a count of
    /// 10^-`remainderScale` (`nil` when not exact at that scale), both of the shortest
    /// round-trip decimal; no heap allocation.
    func floorAndScaledRemainder(_ value: Double) -> (floor: Int128, remainder: UInt128?) {
        let decimal = ShortestDecimal(value)
        let n = decimal.digitCount, cut = decimal.pointPosition + precision
        guard n > 0, cut < n else { return (n == 0 ? 0 : (decimal.isNegative ? -1 : 1) * decimal.wholeUnits(cut: cut), 0) }
        // The fraction is significand mod 10^(n − cut) over 10^(n − cut) (all of it when cut ≤ 0).
        let fractionDigits = n - cut
        guard fractionDigits <= Self.remainderScale else { return (0, nil) }
        let whole = cut > 0 ? Int128(decimal.significand / ShortestDecimal.powerOfTen(n - cut)) : 0
        let numerator = cut > 0 ? decimal.significand % ShortestDecimal.powerOfTen(n - cut) : decimal.significand
        var remainder = UInt128(numerator)
        for _ in 0..<(Self.remainderScale - fractionDigits) { remainder *= 10 }
        guard decimal.isNegative, remainder != 0 else { return (decimal.isNegative ? -whole : whole, remainder) }
        // −(w + f) = −(w + 1) + (1 − f).
        return (-ScaledAmount.add(whole, 1), Self.remainderUnit - remainder)
    }

    /// One unit as a remainder: 10^`remainderScale`.
    static let remainderUnit: UInt128 = (0..<remainderScale).reduce(1) { unit, _ in unit * 10 }

    /// Floor of `value` at `precision` decimals and the remainder digits below it (compared
    /// as decimal fractions), both of the shortest round-trip decimal: `split`'s exact path for
    /// remainders beyond `remainderScale` decimals.
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
        if let split = splitByScaling(target: target, parts: parts) { return split }
        return splitExactly(target: target, parts: parts)
    }

    /// `split` on the shortest decimals' floors and remainders (the exact path).
    func splitExactly(target: Int128, parts: [Double]) -> [ScaledAmount] {
        var amounts: [Int128] = []
        var remainders: [UInt128] = []
        amounts.reserveCapacity(parts.count)
        remainders.reserveCapacity(parts.count)
        for part in parts {
            let (floor, remainder) = floorAndScaledRemainder(part)
            guard let remainder else { return splitDigitByDigit(target: target, parts: parts) }
            amounts.append(floor)
            remainders.append(remainder)
        }
        let order = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        return distribute(target: target, floors: amounts, order: order)
    }

    /// `split` comparing remainders digit by digit: the path for a part with more than
    /// `remainderScale` decimals below the floor, and the reference of the fast one in tests.
    func splitDigitByDigit(target: Int128, parts: [Double]) -> [ScaledAmount] {
        let pieces = parts.map(floorAndRemainder)
        let order = pieces.indices.sorted { a, b in
            let comparison = Self.compareFractions(pieces[a].remainder, pieces[b].remainder)
            return comparison != 0 ? comparison > 0 : a < b
        }
        return distribute(target: target, floors: pieces.map(\.floor), order: order)
    }

    /// The floors plus the shortfall to `target`, handed out along `order` (largest remainder first).
    func distribute(target: Int128, floors: [Int128], order: [Int]) -> [ScaledAmount] {
        var amounts = floors
        let shortfall = ScaledAmount.add(target, -amounts.reduce(0, ScaledAmount.add))
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
