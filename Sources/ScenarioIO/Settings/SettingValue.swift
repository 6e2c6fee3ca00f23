import FiscalModel
import Foundation
import Yams

/// A `--set` value as `run.json` records it (设定值): a JSON number for a YAML number, text for
/// `never` or other text, a list or an object for a step function or a list written in YAML.
public indirect enum SettingValue: Codable, Sendable, Equatable {
    /// A number (`0.35`, `2028`).
    case number(Double)
    /// Text (`never`, a quoted value).
    case text(String)
    /// `true` or `false`.
    case flag(Bool)
    /// A list (`[0.3, 0.35]`).
    case list([SettingValue])
    /// A mapping (`{2026: 0.3, 2029: 0.35}`); keys as written.
    case mapping([String: SettingValue])
    /// YAML's null (`~`).
    case null

    /// The value of a YAML node as typed: plain numbers become numbers, other scalars text.
    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { self = .null; return }
                if let value = Double(scalar.string), value.isFinite { self = .number(value); return }
                if let value = node.bool { self = .flag(value); return }
            }
            self = .text(scalar.string)
        case .sequence(let sequence): self = .list(sequence.map(SettingValue.init))
        case .mapping(let mapping):
            var entries: [String: SettingValue] = [:]
            for (key, value) in mapping { entries[key.string ?? ""] = SettingValue(value) }
            self = .mapping(entries)
        case .alias: self = .null
        }
    }

    /// The value as YAML would write it (`0.35`, `never`, `{2026: 0.3, 2029: 0.35}`), for people.
    public var text: String {
        switch self {
        case .number(let value): return NumberText.trimmed.text(value)
        case .text(let value): return value
        case .flag(let value): return value ? "true" : "false"
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .mapping(let entries): return "{" + entries.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
        case .null: return "~"
        }
    }

    /// Decodes whichever JSON value is there.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .flag(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([SettingValue].self) {
            self = .list(value)
        } else {
            self = .mapping(try container.decode([String: SettingValue].self))
        }
    }

    /// Encodes as the matching JSON value.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .mapping(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
