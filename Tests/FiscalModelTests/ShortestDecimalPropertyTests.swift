import FiscalModel
import Foundation
import Testing
import TestSupport

/// The shortest-digit decomposition read in place from the text's bytes against the same
/// decomposition built through `String`s and arrays (the formatter before issue 22), on random bit
/// patterns (every exponent, subnormals included), money-like values with rounding ties, powers
/// of ten and the extremes. `FORMATTER_PROPERTY_COUNT` raises the count (`make formatter-property`).
@Suite("ShortestDecimal against Double.description")
struct ShortestDecimalPropertyTests {
    static let seed: UInt64 = 22
    static var count: Int {
        ProcessInfo.processInfo.environment["FORMATTER_PROPERTY_COUNT"].flatMap(Int.init) ?? 200_000
    }

    /// The decomposition parsed from `value.description` through `String`s.
    static func reference(_ value: Double) -> (negative: Bool, digits: [UInt8], point: Int) {
        var text = Array(value.magnitude.description.utf8)
        var exponent = 0
        if let e = text.firstIndex(of: UInt8(ascii: "e")) {
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self))!
            text.removeSubrange(e...)
        }
        let point = text.firstIndex(of: UInt8(ascii: ".")) ?? text.count
        var all = text.filter { $0 != UInt8(ascii: ".") }.map { $0 - UInt8(ascii: "0") }
        var position = point + exponent
        while all.first == 0 { all.removeFirst(); position -= 1 }
        while all.last == 0 { all.removeLast() }
        return all.isEmpty ? (false, [], 0) : (value < 0, all, position)
    }

    static func check(_ value: Double, _ label: String) {
        guard value.isFinite else { return }
        let decimal = ShortestDecimal(value)
        let expected = reference(value)
        #expect(decimal.isNegative == expected.negative && decimal.digits == expected.digits
                && decimal.pointPosition == expected.point,
                "\(label): \(value) (bits \(value.bitPattern)) gave \(decimal), expected \(expected)")
    }

    @Test func randomBitPatternsMatchDescription() {
        var generator = SplitMix64(seed: Self.seed)
        var failures = 0
        for index in 0..<Self.count where failures < 5 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let decimal = ShortestDecimal(value)
            let expected = Self.reference(value)
            if decimal.digits != expected.digits || decimal.pointPosition != expected.point || decimal.isNegative != expected.negative {
                failures += 1
                Issue.record("seed \(Self.seed), draw \(index): \(value) gave \(decimal), expected \(expected)")
            }
        }
    }

    @Test func moneyTiesAndCentsMatchDescription() {
        var generator = SplitMix64(seed: Self.seed &+ 1)
        for _ in 0..<(Self.count / 4) {
            let cents = Double(Int64(bitPattern: generator.next()) % 10_000_000_000_000)
            Self.check(cents / 100, "seed \(Self.seed + 1) cents")
            Self.check((cents * 10 + 5) / 1000, "seed \(Self.seed + 1) half-cent tie")
            Self.check(cents * 1e-9, "seed \(Self.seed + 1) small")
        }
    }

    @Test func powersOfTenSubnormalsAndExtremesMatchDescription() {
        for exponent in -323...308 {
            let power = Double("1e\(exponent)")!
            for value in [power, -power, power.nextUp, power.nextDown, 5 * power, 0.5 * power] { Self.check(value, "1e\(exponent)") }
        }
        var subnormal = Double.leastNonzeroMagnitude
        while subnormal < Double.leastNormalMagnitude {
            Self.check(subnormal, "subnormal")
            Self.check(subnormal.nextUp, "subnormal+1")
            subnormal *= 3
        }
        for value in [0.0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                      -.greatestFiniteMagnitude, 0.1 + 0.2, 2.675, 1.005, 9_007_199_254_740_993, 123_456_789_012_345_678] {
            Self.check(value, "fixed")
        }
    }
}
