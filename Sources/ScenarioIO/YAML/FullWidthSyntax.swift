import Foundation
import Yams

/// Finds full-width punctuation standing for YAML syntax (model.md §22): a key typed with `：`
/// (`growth：0.06`), list items separated by `，`, `、` or `；` (`[a，b]`). Text values keep
/// theirs (`name: 思明区（试点）`, `title: 方案：快速推开`).
enum FullWidthSyntax {
    /// After a YAML syntax error reported at `lastLine`: the full-width characters on lines up to
    /// it that stand where YAML syntax belongs — a `：` ending a key (no ASCII `: ` before it in
    /// its entry), a `，`/`、`/`；` inside `[…]` or `{…}` — outside quotes, comments and block
    /// scalars. Empty when there are none (the YAML error is then reported as it is).
    static func scan(_ source: SourceText, file: String, through lastLine: Int) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var depth = 0
        var quote: Unicode.Scalar?
        var blockIndent: Int?
        for (index, line) in source.lines.enumerated() where index < lastLine {
            let indent = line.prefix { $0 == " " }.count
            if let block = blockIndent {
                if indent > block || line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                blockIndent = nil
            }
            var keyed = false  // an ASCII ': ' already ended this entry's key
            var entryStart = indent
            var lastNonSpace: Unicode.Scalar?
            var content: [Unicode.Scalar] = []
            for (j, c) in line.enumerated() {
                if let open = quote {
                    if c == open, !(open == "\"" && j > 0 && line[j - 1] == "\\") { quote = nil }
                    lastNonSpace = c
                    content.append(c)
                    continue
                }
                if c == "#", j == 0 || line[j - 1] == " " || line[j - 1] == "\t" { break }
                content.append(c)
                switch c {
                case _ where (c == "\"" || c == "'") && (lastNonSpace == nil || ":-[{,?".unicodeScalars.contains(lastNonSpace!)):
                    quote = c
                case "[", "{":
                    depth += 1
                    keyed = false
                    entryStart = j + 1
                case "]", "}":
                    depth = max(0, depth - 1)
                case ",":
                    keyed = false
                    entryStart = j + 1
                case "-" where j == indent:
                    entryStart = j + 1
                case ":" where j + 1 == line.count || line[j + 1] == " " || (depth > 0 && ",]}".unicodeScalars.contains(line[j + 1])):
                    keyed = true
                case "：" where !keyed && line[entryStart..<j].contains(where: { $0 != " " }):
                    diagnostics.append(problem(c, at: SourcePosition(line: index + 1, column: j + 1), line: line, type: ": ", file: file))
                    keyed = true
                case _ where depth > 0 && FullWidthPunctuation.separators.contains(c):
                    diagnostics.append(problem(c, at: SourcePosition(line: index + 1, column: j + 1), line: line, type: ", ", file: file))
                    keyed = false
                    entryStart = j + 1
                default:
                    break
                }
                if c != " " && c != "\t" { lastNonSpace = c }
            }
            if quote == nil, depth == 0, startsBlockScalar(content) { blockIndent = indent }
        }
        return diagnostics
    }

    /// In a parsed tree: mapping keys holding `：`, `，`, `、` or `；` (`{pilot：2027}` reads as one
    /// key), and items of a `[…]` list holding a separator (`[a，b]` reads as one item).
    static func treeProblems(_ node: Node, source: SourceText, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func check(_ node: Node, _ characters: Set<Unicode.Scalar>) {
            guard case .scalar(let scalar) = node, scalar.style == .plain,
                let character = scalar.string.unicodeScalars.first(where: characters.contains), let mark = node.mark,
                let (position, _) = source.find([character], from: SourcePosition(line: mark.line, column: mark.column))
            else { return }
            let fixed = FullWidthPunctuation.fixed(scalar.string)
            let example = characters.contains("：") && character == "：" ? fixed : "[\(fixed)]"
            diagnostics.append(Diagnostic(
                file: file, line: position.line, column: position.column,
                message: FullWidthPunctuation.message(character, where: "YAML", type: character == "：" ? ": " : ", ", fixed: example)))
        }
        func walk(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    check(key, FullWidthPunctuation.separators.union(["："]))
                    walk(value)
                }
            case .sequence(let sequence):
                // A `[…]` list (Yams does not keep a sequence's style: read it from the text).
                let flow = sequence.mark.map { source.character(at: SourcePosition(line: $0.line, column: $0.column)) == "[" } ?? false
                for item in sequence {
                    if flow { check(item, FullWidthPunctuation.separators) }
                    walk(item)
                }
            default:
                break
            }
        }
        walk(node)
        return diagnostics
    }

    /// Whether a line's content (comment removed) ends with a block scalar indicator (`|`, `>-`, …).
    private static func startsBlockScalar(_ content: [Unicode.Scalar]) -> Bool {
        var text = ""
        text.unicodeScalars.append(contentsOf: content)
        guard let last = text.split(separator: " ").last, let first = last.unicodeScalars.first, first == "|" || first == ">" else { return false }
        return last.unicodeScalars.dropFirst().allSatisfy { $0 == "-" || $0 == "+" || ("1"..."9").contains($0) }
    }

    /// The diagnostic for `character` at `position` of `line`, showing the line fixed.
    private static func problem(_ character: Unicode.Scalar, at position: SourcePosition, line: [Unicode.Scalar], type ascii: String, file: String) -> Diagnostic {
        var fixed = ""
        for (j, c) in line.enumerated() {
            if j == position.column - 1 {
                fixed += ascii
            } else if !(j == position.column && c == " " && ascii.hasSuffix(" ")) {
                fixed.unicodeScalars.append(c)
            }
        }
        let trimmed = fixed.trimmingCharacters(in: .whitespaces)
        return Diagnostic(
            file: file, line: position.line, column: position.column,
            message: FullWidthPunctuation.message(character, where: "YAML", type: ascii, fixed: trimmed.count <= 100 ? trimmed : nil))
    }
}
