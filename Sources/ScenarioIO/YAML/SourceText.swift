/// A YAML file's text by line, in Unicode scalars as libyaml counts columns, for finding a
/// character a diagnostic should point at (a node's mark gives only where it starts).
struct SourceText: Sendable {
    /// The lines, without their breaks.
    let lines: [[Unicode.Scalar]]

    /// The lines of `text` (LF, CRLF and CR breaks).
    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if previous != "\r" { lines.append([]) }
            } else if scalar == "\r" {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
            previous = scalar
        }
        self.lines = lines
    }

    /// The first position at or after `start` (1-based line and column) holding one of
    /// `characters`, searching at most `lineLimit` lines.
    func find(_ characters: Set<Unicode.Scalar>, from start: SourcePosition, lineLimit: Int = 50) -> (SourcePosition, Unicode.Scalar)? {
        var line = start.line
        var column = start.column
        while line >= 1, line <= lines.count, line < start.line + lineLimit {
            let scalars = lines[line - 1]
            if column >= 1 {
                for index in (column - 1)..<max(column - 1, scalars.count) where characters.contains(scalars[index]) {
                    return (SourcePosition(line: line, column: index + 1), scalars[index])
                }
            }
            line += 1
            column = 1
        }
        return nil
    }

    /// The character at `position`, if the text has one there.
    func character(at position: SourcePosition) -> Unicode.Scalar? {
        guard position.line >= 1, position.line <= lines.count, position.column >= 1, position.column <= lines[position.line - 1].count else { return nil }
        return lines[position.line - 1][position.column - 1]
    }

    /// Line `line` (1-based) as text, or empty.
    func text(ofLine line: Int) -> String {
        guard line >= 1, line <= lines.count else { return "" }
        var text = ""
        text.unicodeScalars.append(contentsOf: lines[line - 1])
        return text
    }
}
