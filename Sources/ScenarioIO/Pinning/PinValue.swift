import FiscalModel
import Foundation

/// An expected cell value in a pinned test file.
public enum PinValue: Sendable, Equatable, CustomStringConvertible {
    /// A number, compared as a Double with the expectation's tolerance; `text` is as written.
    case number(Double, text: String)
    /// An empty cell (`null`, `~` or `""` in the test file), e.g. `reference` where the rebate
    /// does not apply or `self_sufficiency` with no need.
    case empty
    /// Any other text (`true`, a district name), compared exactly.
    case text(String)

    /// The value a CSV cell holds: empty, a number, or text.
    init(cell: String) {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            self = .empty
        } else if case .success(let value) = PlainDecimal.parse(trimmed) {
            self = .number(value, text: trimmed)
        } else {
            self = .text(trimmed)
        }
    }

    /// As shown in failure messages: the number as written, `empty`, or the quoted text.
    public var description: String {
        switch self {
        case .number(_, let text): return text
        case .empty: return "empty"
        case .text(let text): return "\"\(text)\""
        }
    }

    /// The YAML scalar that pins this value (what `--update` writes).
    var yamlText: String {
        switch self {
        case .number(_, let text): return text
        case .empty: return "null"
        case .text(let text):
            let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) }
            if plain, !["null", "Null", "NULL", "~"].contains(text), !text.isEmpty { return text }
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
    }
}

extension PinValue {
    /// Decimals written in a number's text (`12.50` → 2).
    static func decimals(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }
}
