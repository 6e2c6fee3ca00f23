import RealModule
import Testing

/// Checks two unrounded amounts agree within `tolerance` (default: a millionth of a fen),
/// reporting at the caller's line.
public func expectAmount(
    _ actual: Double?, _ expected: Double, tolerance: Double = 1e-8, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual else {
        Issue.record("\(what): expected \(expected), got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(
        actual.isApproximatelyEqual(to: expected, absoluteTolerance: tolerance),
        "\(what): expected \(expected), got \(actual) (difference \(actual - expected))",
        sourceLocation: sourceLocation)
}
