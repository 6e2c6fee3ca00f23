import Foundation

/// Full-width punctuation a Chinese keyboard types for YAML's or a tags cell's ASCII
/// punctuation (全角标点): `：，；、（`. Inside names and text they are legitimate (思明区（试点）);
/// where they stand for syntax they are input errors that name the character and what to type
/// (model.md §22).
enum FullWidthPunctuation {
    /// The characters, each with its name and the ASCII character YAML expects in its place.
    static let characters: [Unicode.Scalar: (name: String, ascii: String)] = [
        "：": ("full-width colon", ":"),
        "，": ("full-width comma", ","),
        "；": ("full-width semicolon", ";"),
        "、": ("enumeration comma (顿号)", ","),
        "（": ("full-width parenthesis", "("),
    ]

    /// The characters as a set.
    static let all = Set(characters.keys)

    /// Those that separate list items (`[a，b]`, `a；b` in a tags cell).
    static let separators: Set<Unicode.Scalar> = ["，", "；", "、"]

    /// `found the full-width colon '：' (U+FF1A) where YAML expects ':'; …`: the character, its
    /// code point and what to type instead, shown with `fixed` (the text as it should read).
    static func message(_ character: Unicode.Scalar, where context: String, type ascii: String, fixed: String?) -> String {
        let name = characters[character]?.name ?? "full-width character"
        let code = "U+" + String(character.value, radix: 16, uppercase: true)
        let example = fixed.map { ": \($0)" } ?? ""
        return "found the \(name) '\(character)' (\(code)) where \(context) expects '\(ascii.trimmingCharacters(in: .whitespaces))'; type the ASCII '\(ascii.trimmingCharacters(in: .whitespaces))'\(ascii.hasSuffix(" ") ? " followed by a space" : "") instead (switch the input method to English for punctuation)\(example)"
    }

    /// `text` with every full-width separator or colon replaced by what YAML expects.
    static func fixed(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "：": result += ": "
            case "，", "、", "；": result += ", "
            case "（": result += "("
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result.replacingOccurrences(of: "  ", with: " ")
    }
}
