import Foundation
import Yams

/// What to type instead, for values a Chinese keyboard or a spreadsheet habit gets wrong
/// (model.md §22): a full-width `：`/`，` where a mapping, list or number belongs, and a percentage
/// (`6%`) where a decimal (`0.06`) belongs.
extension NodeReader {
    /// Records an error naming the full-width character in the plain scalar `node`, at the
    /// character itself, when one stands where `expected` (a mapping, a list, a number) belongs;
    /// `false` (nothing recorded) otherwise.
    func fullWidthSyntax(_ node: Node, path: String, expected: Expected) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let source, let mark = node.mark else { return false }
        let wanted: Set<Unicode.Scalar> = expected == .mapping ? ["："] : expected == .list ? FullWidthPunctuation.separators : FullWidthPunctuation.all
        guard let character = scalar.string.unicodeScalars.first(where: wanted.contains),
            let (position, _) = source.find([character], from: SourcePosition(line: mark.line, column: mark.column))
        else { return false }
        let fixed = FullWidthPunctuation.fixed(scalar.string)
        let message: String
        switch expected {
        case .mapping:
            message = FullWidthPunctuation.message(character, where: "a YAML key", type: ": ", fixed: fixed)
        case .list:
            message = FullWidthPunctuation.message(character, where: "a YAML list", type: ", ", fixed: "[\(fixed)]")
        case .number:
            let name = FullWidthPunctuation.characters[character]?.name ?? "full-width character"
            message = "expected a number, found '\(scalar.string)', which holds the \(name) '\(character)'; write the number in ASCII digits with '.' for the decimal point (e.g. 0.06)"
        }
        error(at: position, "\(path): " + message)
        return true
    }

    /// What a value's place expects.
    enum Expected {
        /// A mapping (`key: value`).
        case mapping
        /// A list (`[a, b]`).
        case list
        /// A number or a year.
        case number
    }

    /// `; write it as a decimal: 0.06 (6 % = 0.06)` for a value written as a percentage
    /// (`6%`, `6 %`, `6％`), or nothing.
    static func percentHint(_ text: String) -> String {
        PercentText.decimal(text).map { "; write it as a decimal: \($0) (\(text.trimmingCharacters(in: .whitespaces)) = \($0))" } ?? ""
    }
}

/// A value written as a percentage (`6%`, `12.5 %`, `6％`) and the decimal it stands for.
enum PercentText {
    /// `0.06` for `6%`; `nil` when `text` is not a number followed by a percent sign.
    static func decimal(_ text: String) -> String? {
        var body = text.trimmingCharacters(in: .whitespaces)
        guard body.hasSuffix("%") || body.hasSuffix("％") else { return nil }
        body = String(body.dropLast()).trimmingCharacters(in: .whitespaces)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let value = Decimal(string: body), Double(body) != nil
        else { return nil }
        var result = value / 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &result, 12, .plain)
        return "\(rounded)"
    }
}
