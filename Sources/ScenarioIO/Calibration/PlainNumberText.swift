import FiscalModel

/// The shortest decimal that reads back as the same Double, written without an exponent
/// (`0.00001`, not `1e-05`): what the calibration files hold, since the matrix loader accepts
/// plain decimals only (SPEC §13, §17).
enum PlainNumberText {
    /// The plain-decimal text of a finite `value`.
    static func text(_ value: Double) -> String {
        let decimal = ShortestDecimal(value)
        guard !decimal.digits.isEmpty else { return "0" }
        let digits = decimal.digits.map { Character(String($0)) }
        let point = decimal.pointPosition
        var body: String
        if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            body = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            body = String(digits[..<point]) + "." + String(digits[point...])
        }
        if decimal.isNegative { body = "-" + body }
        return body
    }
}
