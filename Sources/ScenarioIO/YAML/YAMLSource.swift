import Foundation
import Yams

/// A parsed YAML file: its name as the user gave it and its root node (with line/column marks).
struct YAMLSource {
    /// The file name used in diagnostics.
    var file: String
    /// The root node.
    var root: Node

    /// Parses `text`; syntax errors, duplicate keys and empty files become diagnostics.
    static func parse(_ text: String, file: String) throws(InputError) -> YAMLSource {
        let stripped = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if stripped.allSatisfy({ $0.isWhitespace }) {
            throw InputError([Diagnostic(file: file, line: 1, column: 1, message: "the file is empty; a scenario needs at least name, years, units and districts")])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: stripped)
        } catch let error as YamlError {
            throw InputError([diagnostic(for: error, file: file)])
        } catch {
            throw InputError([Diagnostic(file: file, message: "cannot parse YAML: \(error)")])
        }
        guard let node else {
            throw InputError([Diagnostic(file: file, line: 1, column: 1, message: "the file holds no YAML document; a scenario needs at least name, years, units and districts")])
        }
        return YAMLSource(file: file, root: node)
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            if problem.contains("yaml_set_max_nest_level") {
                return Diagnostic(
                    file: file, line: mark.line, column: mark.column,
                    message: "the YAML is nested too deeply here (more than libyaml's limit of lists and mappings inside one another); a scenario needs only a few levels — check for unclosed [ or {")
            }
            let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return Diagnostic(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in this mapping; each key may appear once")
        case let .reader(problem, _, _, _):
            return Diagnostic(file: file, message: "cannot read the file as UTF-8 text: \(problem); save it as UTF-8")
        default:
            return Diagnostic(file: file, message: "cannot parse YAML: \(error)")
        }
    }
}
