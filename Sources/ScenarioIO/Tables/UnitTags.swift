import Foundation

/// The `tags` cells of a units file (标签, `pilot;village-converted`): a full-width separator
/// typed for `;` is an input error (model.md §22: `village-converted；pilot` must not silently
/// become one tag), and where each tag first appears, for the "named nowhere" warning.
enum UnitTags {
    /// Where a tag first appears.
    struct Cell: Sendable, Equatable {
        /// The tag.
        var tag: String
        /// The unit whose cell it is.
        var unit: String
        /// The row's line.
        var line: Int
        /// The tags column (1-based field number).
        var column: Int
    }

    /// The error for a tags cell holding `；`, `、` or `，` (a Chinese keyboard's separators), or `nil`.
    static func separatorProblem(_ cell: String, who: String) -> String? {
        guard let character = cell.unicodeScalars.first(where: FullWidthPunctuation.separators.contains) else { return nil }
        let name = FullWidthPunctuation.characters[character]?.name ?? "full-width separator"
        let fixed = cell.unicodeScalars.map { FullWidthPunctuation.separators.contains($0) ? ";" : String($0) }.joined()
        let code = "U+" + String(character.value, radix: 16, uppercase: true)
        return "\(who)column 'tags': found the \(name) '\(character)' (\(code)) in '\(cell)'; tags are separated by the ASCII semicolon ';' — type \(fixed)"
    }

    /// Each tag's first cell, in file order (`rows`: unit id, line and tags cell of each unit).
    static func firstCells(_ rows: [(unit: String, line: Int, tags: String)], column: Int) -> [Cell] {
        var seen = Set<String>()
        var cells: [Cell] = []
        for row in rows {
            for tag in split(row.tags) where seen.insert(tag).inserted {
                cells.append(Cell(tag: tag, unit: row.unit, line: row.line, column: column))
            }
        }
        return cells
    }

    /// The tags of a cell: `;`-separated, trimmed, empty ones dropped.
    static func split(_ cell: String) -> [String] {
        cell.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
