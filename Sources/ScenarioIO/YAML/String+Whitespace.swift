import Foundation

extension String {
    /// The text without leading and trailing `CharacterSet.whitespaces` (spaces, tabs, U+3000 全角空格
    /// and the other Unicode spaces), as `trimmingCharacters(in: .whitespaces)` gives it, but
    /// without a trip through Foundation when there is nothing to trim — the usual case for every
    /// scalar of a scenario file and every cell of a units file (issue 22).
    var trimmingWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            Self.isWhitespace(first) || Self.isWhitespace(last)
        else { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
    }
}
