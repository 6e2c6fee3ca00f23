import Foundation
import FiscalModel
import Yams

/// Reads typed values out of YAML nodes, collecting every problem as a diagnostic with the
/// node's line and column instead of stopping at the first.
final class NodeReader {
    /// A mapping's entries by key, keeping the key nodes for locations.
    struct Fields {
        /// (key text, key node, value node) in file order.
        var entries: [(key: String, keyNode: Node, value: Node)]
        /// The mapping node itself.
        var node: Node

        /// The entries of `node` without checking its keys; `nil` if it is not a mapping.
        init?(unchecked node: Node) {
            guard case .mapping(let mapping) = node else { return nil }
            self.init(entries: mapping.map { ($0.key.string ?? "", $0.key, $0.value) }, node: node)
        }

        /// Creates fields from entries.
        init(entries: [(key: String, keyNode: Node, value: Node)], node: Node) {
            self.entries = entries
            self.node = node
        }

        /// The value at `key`, if present (and not an explicit null).
        subscript(key: String) -> Node? {
            // By index, comparing keys in place: `first(where:)` copied every entry (a string and
            // two nodes, retained and released) on the way (a sweep decodes every point's tree).
            guard let index = entries.indices.first(where: { entries[$0].key == key }) else { return nil }
            let value = entries[index].value
            if case .scalar(let scalar) = value, scalar.style == .plain, value.null != nil { return nil }
            return value
        }
    }

    /// The file name used in diagnostics.
    let file: String
    /// Problems found so far.
    private(set) var diagnostics: [Diagnostic] = []
    /// Prefixed to every message (e.g. "variant 'fast': ").
    var context = ""
    /// The projection horizon, once known, for step-function checks.
    var horizon: Horizon?
    /// Input tables read in an encoding other than UTF-8 (file → encoding).
    var inputEncodings: [String: String] = [:]
    /// The file's text, to point at a full-width character inside a value (`nil`: not known).
    var source: SourceText?

    init(file: String) { self.file = file }

    /// Problems recorded without a context (the scenario as written), by location and message:
    /// a variant re-reads the whole tree, and the same problem is not reported again for it.
    private var reportedWithoutContext = Set<String>()

    /// Records an error at `node`.
    func error(_ node: Node?, _ message: String) {
        record(node, message, severity: .error)
    }

    /// Records a warning at `node`.
    func warning(_ node: Node?, _ message: String) {
        record(node, message, severity: .warning)
    }

    /// Records an error at `position` (a character inside a value, not where a node starts).
    func error(at position: SourcePosition, _ message: String) {
        record(nil, message, severity: .error, at: position)
    }

    private func record(_ node: Node?, _ message: String, severity: Diagnostic.Severity, at position: SourcePosition? = nil) {
        let line = position?.line ?? node?.mark?.line
        let column = position?.column ?? node?.mark?.column
        let key = "\(line ?? 0):\(column ?? 0):\(severity):\(message)"
        if context.isEmpty {
            reportedWithoutContext.insert(key)
        } else if reportedWithoutContext.contains(key) {
            return
        }
        diagnostics.append(Diagnostic(file: file, line: line, column: column, severity: severity, message: context + message))
    }

    /// Adds diagnostics found elsewhere (e.g. in a CSV file).
    func append(_ more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    /// Whether any error was recorded.
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A short description of what `node` is, for "found …" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return "the text \"\(scalar.string)\"" }
            return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Structure

    /// `node` as a mapping whose keys must be among `allowed`; reports unknown keys with a
    /// did-you-mean hint.
    func fields(_ node: Node, path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            if fullWidthSyntax(node, path: path.isEmpty ? "the scenario" : path, expected: .mapping) { return nil }
            error(node, "\(path): expected a mapping with keys \(allowed.joined(separator: ", ")), found \(Self.describe(node))")
            return nil
        }
        var entries: [(String, Node, Node)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                let location = path.isEmpty ? "" : " in \(path)"
                error(key, "unknown key '\(name)'\(location)\(Suggestion.hint(for: name, in: allowed)); allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((name, key, value))
        }
        return Fields(entries: entries, node: node)
    }

    /// `node` as a list; a scalar or mapping where the list belongs is an error that shows the
    /// list form (model.md §19).
    func list(_ node: Node, path: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            if fullWidthSyntax(node, path: path, expected: .list) { return nil }
            error(node, "\(path): expected a list, found \(Self.describe(node))\(Self.listForm(node))")
            return nil
        }
        return Array(sequence)
    }

    /// "; write it as a list: [x]" for a scalar or a one-line mapping, the way to fix the entry.
    static func listForm(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            return "; write it as a list: [\(scalar.style == .plain ? text : "\"\(text)\"")]"
        case .mapping(let mapping):
            let entries = mapping.map { "\($0.key.string ?? "…"): \($0.value.string ?? "…")" }.joined(separator: ", ")
            return "; write it as a list: [{\(entries)}]"
        default: return ""
        }
    }

    /// Reports a missing required key of `fields`.
    func requireKey(_ key: String, in fields: Fields, path: String) -> Node? {
        if let value = fields[key] { return value }
        error(fields.node, "\(path.isEmpty ? "" : path + ": ")missing required key '\(key)'")
        return nil
    }

    // MARK: Scalars

    /// A number (not quoted text, not a boolean), finite and within `range`.
    func number(_ node: Node, path: String, range: ValueRange = .any) -> Double? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(path): expected a number, found \(Self.describe(node))")
            return nil
        }
        if scalar.style != .plain {
            error(node, "\(path): expected a number, found the text \"\(scalar.string)\" (quoted numbers are text; remove the quotes)\(Self.percentHint(scalar.string))")
            return nil
        }
        guard let value = Double(scalar.string) ?? node.float else {
            if fullWidthSyntax(node, path: path, expected: .number) { return nil }
            error(node, "\(path): expected a number, found '\(scalar.string)'\(Self.percentHint(scalar.string))")
            return nil
        }
        guard value.isFinite else {
            error(node, "\(path): expected a finite number, found '\(scalar.string)'")
            return nil
        }
        if let problem = range.violation(value) {
            error(node, "\(path) \(problem); found \(scalar.string)")
            return nil
        }
        if let problem = range.warning(value) { warning(node, "\(path) \(problem); found \(scalar.string)") }
        return value
    }

    /// A whole number ≥ `minimum` and ≤ `maximum` (by default at most 1e15 in magnitude, model.md §19,
    /// so that year arithmetic on it cannot overflow).
    func integer(_ node: Node, path: String, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        let limit = Int(ValueLimits.maximumMagnitude)
        let minimum = minimum ?? -limit, maximum = maximum ?? limit
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string)
        else {
            if fullWidthSyntax(node, path: path, expected: .number) { return nil }
            error(node, "\(path): expected a whole number, found \(Self.describe(node))")
            return nil
        }
        if value < minimum {
            error(node, "\(path) must be ≥ \(minimum == -limit ? "-1e15" : String(minimum)); found \(value)")
            return nil
        }
        if value > maximum {
            error(node, "\(path) must be ≤ \(maximum == limit ? "1e15" : String(maximum)); found \(value)")
            return nil
        }
        return value
    }

    /// Non-empty text.
    func text(_ node: Node, path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(path): expected text, found \(Self.describe(node))")
            return nil
        }
        let value = scalar.string.trimmingWhitespace
        if value.isEmpty {
            error(node, "\(path): must not be empty")
            return nil
        }
        return value
    }

    /// A list of texts (a single text is an error showing the list form, model.md §19).
    func texts(_ node: Node, path: String) -> [String]? {
        guard let items = list(node, path: path) else { return nil }
        let values = items.enumerated().map { text($1, path: "\(path)[\($0)]") }
        return values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
    }

    /// A scalar parameter or a year-keyed step function `{2026: 0.3, 2029: 0.5}` whose values
    /// are within `range` and whose first year is ≤ b+1.
    func step(_ node: Node, path: String, range: ValueRange) -> StepFunction? {
        guard case .mapping(let mapping) = node else {
            return number(node, path: path, range: range).map(StepFunction.init)
        }
        var steps: [Int: Double] = [:]
        var valid = true
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, scalar.style == .plain, let year = Int(scalar.string) else {
                error(key, "\(path): step-function keys must be years, found \(Self.describe(key)); write {2026: 0.3, 2029: 0.5}")
                valid = false
                continue
            }
            guard let number = number(value, path: "\(path).\(year)", range: range) else {
                valid = false
                continue
            }
            steps[year] = number
        }
        guard valid else { return nil }
        if steps.isEmpty {
            error(node, "\(path): a step function needs at least one year, e.g. {2026: 0.3}")
            return nil
        }
        let function = StepFunction(steps: steps)
        if let horizon, let first = function.firstYear, first > horizon.firstYear {
            error(node, "\(path): the first year of the step function is \(first), after the first projected year \(horizon.firstYear); add a value for \(horizon.firstYear) or earlier")
            return nil
        }
        return function
    }
}
