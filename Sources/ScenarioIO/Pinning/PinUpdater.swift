import Foundation

/// Rewrites expected values of a pinned test file in place (`fiscal-sim test --update`): only
/// the text of each moved value's scalar changes, so comments, order and formatting stay.
struct PinUpdater {
    /// One rewrite made.
    struct Change: Sendable {
        /// Where the value starts.
        var position: SourcePosition
        /// The scalar's text before.
        var old: String
        /// The scalar's text after.
        var new: String
    }

    /// Why a value could not be rewritten.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        var description: String
    }

    /// `text` with every edit applied, and the changes made (in file order).
    static func apply(_ edits: [PinEdit], to text: String) throws(Failure) -> (text: String, changes: [Change]) {
        // Split on LF scalars: a CRLF line keeps its CR, which `scalarEnd` steps over.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        var changes: [Change] = []
        // Right to left within a line, so earlier columns stay valid.
        let ordered = edits.sorted { ($0.position.line, $0.position.column) > ($1.position.line, $1.position.column) }
        for edit in ordered {
            let row = edit.position.line - 1
            let start = edit.position.column - 1
            guard lines.indices.contains(row), start >= 0, start <= lines[row].count else {
                throw Failure(description: "line \(edit.position.line), column \(edit.position.column) is not in the file; was it changed while the tests ran?")
            }
            let end = try scalarEnd(in: lines[row], from: start, line: edit.position.line)
            let old = String(String.UnicodeScalarView(lines[row][start..<end]))
            let new = edit.value.yamlText
            if old == new { continue }
            // An empty value right after its colon (`value:`) needs a space before the new text.
            let separator = old.isEmpty && start > 0 && lines[row][start - 1] == ":" ? " " : ""
            lines[row].replaceSubrange(start..<end, with: Array((separator + new).unicodeScalars))
            changes.append(Change(position: edit.position, old: old, new: new))
        }
        let result = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
        return (result, changes.reversed())
    }

    /// The end of the scalar that starts at `start`: after the closing quote of a quoted scalar;
    /// for a plain one, before the comment, the flow indicator (`,` `]` `}`) or the line end.
    private static func scalarEnd(in line: [Unicode.Scalar], from start: Int, line number: Int) throws(Failure) -> Int {
        guard start < line.count else { return start }
        let first = line[start]
        if first == "\"" || first == "'" {
            var index = start + 1
            while index < line.count {
                if first == "\"", line[index] == "\\" {
                    index += 2
                    continue
                }
                if line[index] == first {
                    if first == "'", index + 1 < line.count, line[index + 1] == "'" {
                        index += 2
                        continue
                    }
                    return index + 1
                }
                index += 1
            }
            throw Failure(description: "line \(number): the quoted value does not end on its line; write it on one line to let --update rewrite it")
        }
        var index = start
        while index < line.count {
            let scalar = line[index]
            if scalar == "," || scalar == "]" || scalar == "}" { break }
            if scalar == "#", index > start, line[index - 1] == " " || line[index - 1] == "\t" { break }
            index += 1
        }
        while index > start, line[index - 1] == " " || line[index - 1] == "\t" || line[index - 1] == "\r" { index -= 1 }
        return index
    }
}
