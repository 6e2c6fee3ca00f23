/// Limits on input sizes that make output grow (输入规模上限), each an input error naming the
/// cell or key (issue 23; README "Limits", interpretations F): a units file with a megabyte
/// name or thousands of tags per unit, or a scenario with thousands of variants, would make
/// every table of the run folder huge before anyone noticed.
public enum InputSizeLimits {
    /// Characters of a unit id (every row of units.csv repeats it).
    public static let idCharacters = 100
    /// Characters of a unit name (every row of units.csv repeats it).
    public static let nameCharacters = 200
    /// Tags in one unit's `tags` cell (groups.csv has a row per tag, variant and year).
    public static let tagsPerUnit = 32
    /// Characters of one tag.
    public static let tagCharacters = 100
    /// Variants of one scenario (every table has rows per variant).
    public static let variants = 100

    /// Whether `text` holds a control character (NUL, tab, line breaks, DEL, C1 controls).
    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}

extension UnitsTableReader {
    /// Problems of the text cells `id`, `name` and `tags` of one row: control characters and
    /// the size limits. Each is (column name, message).
    static func textCellProblems(id: String, name: String, tags: String, who: String) -> [(column: String, message: String)] {
        var problems: [(String, String)] = []
        for (column, text) in [("id", id), ("name", name), ("tags", tags)] where InputSizeLimits.hasControl(text) {
            problems.append((column, "\(who)column '\(column)': found \(QuotedValue.quote(text)), which holds a control character (e.g. NUL or a tab); remove it (text cells hold letters, digits, Chinese characters, spaces and punctuation)"))
        }
        if id.count > InputSizeLimits.idCharacters {
            problems.append(("id", "column 'id': the unit id is \(id.count) characters long; at most \(InputSizeLimits.idCharacters) are allowed (a short code such as xiagang)"))
        }
        if name.count > InputSizeLimits.nameCharacters {
            problems.append(("name", "\(who)column 'name': the name is \(name.count) characters long; at most \(InputSizeLimits.nameCharacters) are allowed"))
        }
        let list = tags.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if list.count > InputSizeLimits.tagsPerUnit {
            problems.append(("tags", "\(who)column 'tags': \(list.count) tags; at most \(InputSizeLimits.tagsPerUnit) per unit are allowed (groups.csv has rows for every tag)"))
        }
        if let long = list.first(where: { $0.count > InputSizeLimits.tagCharacters }) {
            problems.append(("tags", "\(who)column 'tags': the tag \(QuotedValue.quote(long)) is \(long.count) characters long; at most \(InputSizeLimits.tagCharacters) are allowed"))
        }
        return problems
    }
}
