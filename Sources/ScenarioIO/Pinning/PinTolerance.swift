import FiscalModel
import Foundation

/// How far an actual value may be from the expected one: it passes when
/// |actual − expected| ≤ max(absolute, relative · max(|actual|, |expected|)) — the rule of
/// swift-numerics' `isApproximatelyEqual(to:absoluteTolerance:relativeTolerance:)`. The default
/// is exact equality of the rounded CSV value.
public struct PinTolerance: Sendable, Equatable {
    /// Absolute tolerance, ≥ 0 (in the column's unit, e.g. 万元).
    public var absolute: Double
    /// Relative tolerance, ≥ 0 (0.001 = 0.1 %).
    public var relative: Double

    /// Exact comparison.
    public static let exact = PinTolerance(absolute: 0, relative: 0)

    /// A tolerance.
    public init(absolute: Double = 0, relative: Double = 0) {
        self.absolute = absolute
        self.relative = relative
    }

    /// Whether `actual` is close enough to `expected`.
    public func accepts(_ actual: Double, expected: Double) -> Bool {
        let allowed = Swift.max(absolute, relative * Swift.max(Swift.abs(actual), Swift.abs(expected)))
        return Swift.abs(actual - expected) <= allowed
    }

    /// ` (tolerance ±0.01)`, or nothing for exact comparison.
    var suffix: String {
        var parts: [String] = []
        if absolute > 0 { parts.append("±\(NumberText.message.text(absolute))") }
        if relative > 0 { parts.append("±\(NumberText.message.text(relative * 100)) %") }
        return parts.isEmpty ? "" : " (tolerance \(parts.joined(separator: " or ")))"
    }
}
