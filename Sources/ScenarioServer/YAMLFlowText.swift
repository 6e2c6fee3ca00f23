import Foundation
import Yams

/// One-line YAML flow text for the entries of a what-if variant's `set`: keys and words as plain
/// scalars when they are plain identifiers, else double-quoted with every special character
/// escaped — so nothing a request sends can break out of its line of the scenario file.
enum YAMLFlowText {
    /// `text` as a YAML scalar.
    static func scalar(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"#, options: .regularExpression) != nil
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(text.lowercased())
        if plain && !reserved { return text }
        return quoted(text)
    }

    /// `text` double-quoted (YAML's escapes are JSON's and more).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" || scalar == "\u{85}":
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A lever value: a number, a word, or a flow mapping `{2026: 0.5, 2028: 0.8}`.
    static func value(_ value: LeverValue) -> String {
        switch value {
        case .none: return "null"
        case .number(let number): return JSONValue.double(number).text
        case .word(let word): return scalar(word)
        case .steps(let steps): return "{" + steps.map { "\($0.year): \(JSONValue.double($0.value).text)" }.joined(separator: ", ") + "}"
        }
    }

    /// A node of the scenario (a starting variant's `set` entry) on one line.
    static func node(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.style == .plain ? plainOrQuoted(scalar.string) : quoted(scalar.string)
        case .mapping(let mapping):
            return "{" + mapping.map { "\(Self.node($0.key)): \(Self.node($0.value))" }.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            return "[" + sequence.map { Self.node($0) }.joined(separator: ", ") + "]"
        case .alias:
            return "null"
        }
    }

    /// A plain scalar of the file kept plain when it reads back the same in flow context.
    private static func plainOrQuoted(_ text: String) -> String {
        if Double(text) != nil { return text }
        let flowSafe = text.range(of: #"^[^\s,\[\]\{\}#&*!|>'"%@`:?-][^,\[\]\{\}#:]*$"#, options: .regularExpression) != nil
            && !text.hasSuffix(" ")
        return flowSafe ? text : quoted(text)
    }
}
