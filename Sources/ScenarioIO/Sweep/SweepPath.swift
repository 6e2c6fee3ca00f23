import FiscalModel
import Foundation

/// What SPEC §15 says about a swept path beyond a variant's `set` rules: which paths take whole
/// numbers (roll-out years, `termYears`, `rebaseEveryYears`), where `2026.0` counts as 2026.
enum SweepPath {
    /// Whether `path` holds a whole number.
    static func isInteger(_ path: String) -> Bool {
        let segments = path.split(separator: ".").map(String.init)
        guard let first = segments.first else { return false }
        switch first {
        case "rollout": return segments.count >= 2
        case "rebate": return segments.count == 2 && ["termYears", "rebaseEveryYears"].contains(segments[1])
        default: return false
        }
    }

    /// Whether `path` is a roll-out year, which may also be `never`.
    static func allowsNever(_ path: String) -> Bool { path.hasPrefix("rollout.") }

    /// The value as it is applied and written: whole numbers on integer paths (`2026.0` →
    /// `2026`), or why it is not allowed there.
    static func normalized(_ text: String, path: String) -> Result<String, SweepValueProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .failure(.empty) }
        guard isInteger(path) else { return .success(trimmed) }
        if allowsNever(path), trimmed == "never" { return .success(trimmed) }
        guard let value = Double(trimmed), let whole = NumberText.integer(value) else {
            return .failure(.notInteger(trimmed, never: allowsNever(path)))
        }
        return .success(String(whole))
    }
}
