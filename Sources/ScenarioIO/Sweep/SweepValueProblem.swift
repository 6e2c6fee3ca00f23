import FiscalModel
import Foundation

/// Why a sweep value cannot be used.
enum SweepValueProblem: Error, Equatable {
    /// No value.
    case empty
    /// Not a whole number on an integer path.
    case notInteger(String, never: Bool)

    /// What is wrong and what is allowed.
    var message: String {
        switch self {
        case .empty: return "the value is empty; write a YAML scalar such as 0.3, 2028 or never"
        case let .notInteger(text, never):
            return "'\(text)' is not a whole number; this path takes whole years\(never ? " or never" : "") (2026.0 counts as 2026)"
        }
    }
}
