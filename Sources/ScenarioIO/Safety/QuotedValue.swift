/// How an error message shows a value from the user's input (引用输入值): at most
/// `limit` characters of it, control characters written as escapes, so a megabyte-long cell
/// or a terminal escape sequence in a name never floods or garbles the screen (issue 23).
public enum QuotedValue {
    /// The most characters of one value a message quotes.
    public static let limit = 200

    /// `value` in single quotes, shortened and escaped: `'abc'`, `'aaa…' (5000 characters)`.
    public static func quote(_ value: String) -> String { "'" + shortened(value) + "'" }

    /// `value` with control characters escaped (`\u{0}`) and, beyond `limit` characters, cut
    /// with `…` and its length noted.
    public static func shortened(_ value: String) -> String { escapingControls(shortenedRun(value)) }

    /// `text` with every control character but line feed written as `\u{HEX}`.
    static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 controls but line feed, DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
    }

    /// `message` with every run between single quotes longer than `limit` shortened and every
    /// control character escaped — what `Diagnostic` applies to each message, so every
    /// diagnostic is covered even where a value was interpolated directly.
    static func limitingQuotedRuns(_ message: String) -> String {
        let escaped = escapingControls(message)
        guard escaped.count > limit else { return escaped }
        var result = ""
        var run = ""
        var inside = false
        var previous: Character = " "
        for character in escaped {
            if character == "'", inside || !(previous.isLetter || previous.isNumber) {
                if inside {
                    result += shortenedRun(run) + "'"
                    run = ""
                } else {
                    result.append(character)
                }
                inside.toggle()
            } else if inside {
                run.append(character)
            } else {
                result.append(character)
            }
            previous = character
        }
        return result + (inside ? shortenedRun(run) : "")
    }

    private static func shortenedRun(_ run: String) -> String {
        run.count > limit ? String(run.prefix(limit)) + "… (\(run.count) characters, first \(limit) shown)" : run
    }
}
