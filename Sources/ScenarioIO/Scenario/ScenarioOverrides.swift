import Yams

/// Settings that replace parts of a scenario as written before it is validated — the inline
/// `set` of a pinned test file (`fiscal-sim test`).
///
/// Paths follow a variant's `set` (model.md §13): dotted keys, list entries with an `id` addressed
/// by it (others by index), a digit segment addressing a step-function year, missing mappings
/// created, the value replaced whole. Unlike a variant, an override makes a new scenario, so
/// every top-level key may be set (`paths` and `seed` included); the scenario's own variants
/// are then applied on top of the overridden scenario.
public struct ScenarioOverrides: Sendable {
    /// The file the overrides are written in (diagnostics about them name it).
    public let file: String
    /// The whole text of `file`.
    let text: String
    /// Where the `set:` keys whose mappings are applied (in order) stand in `file`.
    let setKeys: [SourcePosition]

    /// No overrides.
    public static let none = ScenarioOverrides(file: "", text: "", setKeys: [])

    /// The `set` mappings whose keys stand at `setKeys` in `text`, the content of `file`.
    init(file: String, text: String, setKeys: [SourcePosition]) {
        self.file = file
        self.text = text
        self.setKeys = setKeys
    }

    /// Whether there is nothing to override.
    public var isEmpty: Bool { setKeys.isEmpty }

    /// `root` with every entry applied, and the diagnostics about the overrides themselves.
    ///
    /// The overrides file is parsed again behind `lineOffset` empty lines (more than the
    /// scenario has), so every node taken from it carries a line no scenario node has; decoding
    /// diagnostics on such lines are moved back to `file` by `relocate`.
    func apply(to root: Node, lineOffset: Int, firstYear: Int) -> (root: Node, diagnostics: [Diagnostic]) {
        guard !isEmpty else { return (root, []) }
        guard let shifted = try? Yams.compose(yaml: String(repeating: "\n", count: lineOffset) + text) else {
            return (root, [Diagnostic(file: file, message: "set: the file cannot be parsed as YAML")])
        }
        var tree = root
        var diagnostics: [Diagnostic] = []
        let overlay = VariantOverlay(firstYear: firstYear)
        for position in setKeys {
            let target = SourcePosition(line: position.line + lineOffset, column: position.column)
            guard case .mapping(let entries)? = Self.value(ofKeyAt: target, in: shifted) else { continue }
            for (keyNode, value) in entries {
                let path = keyNode.string ?? ""
                let line = keyNode.mark.map { $0.line - lineOffset }
                let column = keyNode.mark?.column
                let first = String(path.split(separator: ".").first ?? "")
                guard ScenarioKeys.topLevel.contains(first) else {
                    diagnostics.append(Diagnostic(
                        file: file, line: line, column: column,
                        message: "set: '\(path)' does not exist: unknown section '\(first)'\(Suggestion.hint(for: first, in: ScenarioKeys.topLevel)); allowed sections: \(ScenarioKeys.topLevel.joined(separator: ", "))"))
                    continue
                }
                do {
                    tree = try overlay.apply(value, at: path, to: tree, mark: keyNode.mark)
                } catch {
                    diagnostics.append(Diagnostic(file: file, line: line, column: column, message: "set: \(error.message)"))
                }
            }
        }
        return (tree, diagnostics)
    }

    /// `diagnostic` pointed back at the overrides file if it is about one of their nodes.
    func relocate(_ diagnostic: Diagnostic, lineOffset: Int) -> Diagnostic {
        guard !isEmpty, let line = diagnostic.line, line > lineOffset else { return diagnostic }
        var moved = diagnostic
        moved.file = file
        moved.line = line - lineOffset
        moved.message = "set: " + diagnostic.message
        return moved
    }

    /// The value of the mapping entry whose key node starts at `position`, searched in `node`.
    private static func value(ofKeyAt position: SourcePosition, in node: Node) -> Node? {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let mark = key.mark, mark.line == position.line, mark.column == position.column { return value }
                if let found = Self.value(ofKeyAt: position, in: value) { return found }
            }
        case .sequence(let sequence):
            for item in sequence {
                if let found = Self.value(ofKeyAt: position, in: item) { return found }
            }
        default:
            break
        }
        return nil
    }
}

/// A 1-based line and column (Unicode scalars, as libyaml counts them) in a text file.
public struct SourcePosition: Hashable, Sendable {
    /// 1-based line.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    /// A position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
