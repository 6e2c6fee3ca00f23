import FiscalModel

/// Money and shares as a person reads them (the brief, model.md §22): thousands separated, an
/// explicit sign and the typographic minus — `+20,147.10`, `−3,522.13`, `−1.96 %`.
public enum MoneyText {
    /// `amount` with its sign and thousands separators.
    public static func signed(_ amount: ScaledAmount) -> String {
        let text = amount.text
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
        if amount.units == 0 { return grouped }
        return (negative ? "−" : "+") + grouped
    }

    /// `ratio` as a percentage with two decimals and its sign (`−1.96 %`).
    public static func percent(_ ratio: Double) -> String {
        let amount = MoneyRounding(precision: 2, rule: .halfUp).round(ratio * 100)
        return signed(amount) + " %"
    }
}
