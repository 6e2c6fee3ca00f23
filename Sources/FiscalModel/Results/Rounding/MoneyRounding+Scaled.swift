/// The floating-point fast paths of `MoneyRounding` (issue 22). The exact path rounds the shortest
/// decimal D of a Double x; here the decision is read from s = x × 10^precision instead. D and x
/// differ by at most half an ulp of x and s by half an ulp of its own, so |s − D × 10^precision|
/// stays far below `tolerance(s)`: whenever s is farther than that from the point where the
/// decision changes (a half for rounding, a whole for a floor, another part's remainder for the
/// order of a split) both give the same answer. Otherwise — exact cents, ties such as 2.675,
/// equal remainders — the exact path decides. The property tests hold both paths against each other.
extension MoneyRounding {
    /// 10^precision as a Double for precision 0 … 15, `nil` beyond the fast paths' range (a
    /// literal table: read per cell, so neither recomputed nor retained per cell).
    var scale: Double? {
        switch precision {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        default: nil
        }
    }

    /// The largest |s| the fast paths take (well inside the 2^53 of exact integers).
    static let scaledLimit = 1e15

    /// How far s may be from D × 10^precision, with a wide margin.
    @inline(__always)
    static func tolerance(_ scaled: Double) -> Double { 1e-9 + scaled.magnitude * 1e-13 }

    /// `round(value)` decided in floating point, or `nil` when `value` × 10^precision is too
    /// close to a half (or too large) to decide there.
    func roundedByScaling(_ value: Double) -> Int128? {
        guard let scale else { return nil }
        let scaled = value.magnitude * scale
        guard scaled < Self.scaledLimit else { return nil }
        // s ≥ 0 and below 10^15: truncating to an Int64 (one instruction, where `rounded(.down)`
        // calls libm's floor) is the floor, and Int128 from it skips the generic conversion.
        let floor = Int64(scaled)
        let fraction = scaled - Double(floor)
        guard abs(fraction - 0.5) > Self.tolerance(scaled) else { return nil }
        let units = Int128(fraction > 0.5 ? floor + 1 : floor)
        return value < 0 ? -units : units
    }

    /// `split` decided in floating point — each part's floor and remainder from its scaled value —
    /// or `nil` when a part is too close to a whole or two remainders are too close to order
    /// (exact zeros are exact and tie exactly).
    func splitByScaling(target: Int128, parts: [Double]) -> [ScaledAmount]? {
        guard let scale else { return nil }
        var floors: [Int128] = [], remainders: [Double] = [], tolerances: [Double] = []
        floors.reserveCapacity(parts.count)
        remainders.reserveCapacity(parts.count)
        tolerances.reserveCapacity(parts.count)
        for part in parts {
            guard part != 0 else {
                floors.append(0)
                remainders.append(0)
                tolerances.append(0)
                continue
            }
            let scaled = part * scale
            guard scaled.magnitude < Self.scaledLimit else { return nil }
            let floor = scaled.rounded(.down)
            let remainder = scaled - floor
            let tolerance = Self.tolerance(scaled)
            guard remainder > tolerance, remainder < 1 - tolerance else { return nil }
            floors.append(Int128(Int64(floor)))
            remainders.append(remainder)
            tolerances.append(tolerance)
        }
        let order = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for (a, b) in zip(order, order.dropFirst()) where remainders[a] - remainders[b] <= tolerances[a] + tolerances[b] {
            guard tolerances[a] == 0 && tolerances[b] == 0 else { return nil }
        }
        return distribute(target: target, floors: floors, order: order)
    }
}
