import Foundation

/// Strict plain-decimal parsing for CSV cells (model.md §13): `[+-]?digits[.digits]`, spaces around.
enum PlainDecimal {
    /// The parsed number, or why the text is not a plain decimal.
    static func parse(_ text: String) -> Result<Double, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .failure(.empty) }
        var body = Substring(trimmed)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let digitsOnly = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if parts.count <= 2, parts.allSatisfy(digitsOnly), let value = Double(trimmed) {
            return .success(value)
        }
        let lower = trimmed.lowercased()
        if ["nan", "inf", "+inf", "-inf", "infinity", "-infinity", "+infinity"].contains(lower) { return .failure(.notFinite) }
        if trimmed.contains(",") || trimmed.contains("，") { return .failure(.thousandsSeparator) }
        if lower.contains("e"), Double(trimmed) != nil { return .failure(.exponent) }
        if let decimal = PercentText.decimal(trimmed) { return .failure(.percentage(trimmed, decimal)) }
        return .failure(.notANumber)
    }

    /// Why a cell is not a plain decimal.
    enum Problem: Error {
        case empty, notFinite, thousandsSeparator, exponent, notANumber
        /// A percentage (`6%`): the text and the decimal it stands for (model.md §22).
        case percentage(String, String)

        var explanation: String {
            switch self {
            case .empty: return "the cell is empty; write a number (0 if none)"
            case .notFinite: return "NaN and infinity are not amounts; write a plain decimal"
            case .thousandsSeparator: return "thousands separators are not allowed; write 1234.5, not 1,234.5"
            case .exponent: return "exponent notation is not allowed; write the plain decimal (e.g. 12000, not 1.2e4)"
            case .notANumber: return "expected a plain decimal such as 1234.5"
            case let .percentage(text, decimal): return "write it as a decimal: \(decimal) (\(text) = \(decimal))"
            }
        }
    }
}
