import FiscalModel

/// A list of years as a person writes it: runs of three or more consecutive years as a range
/// (`2026–2031`), the rest listed (`2030, 2031, 2033, 2034`; Chinese `2030、2031`).
public enum YearList {
    /// `years` (ascending) as text.
    public static func text(_ years: [Int], _ language: WorkbookLanguage) -> String {
        var pieces: [String] = []
        var start = 0
        while start < years.count {
            var end = start
            while end + 1 < years.count, years[end + 1] == years[end] + 1 { end += 1 }
            if end - start >= 2 {
                pieces.append("\(years[start])–\(years[end])")
            } else {
                pieces += years[start...end].map(String.init)
            }
            start = end + 1
        }
        return pieces.joined(separator: language.pick(", ", "、"))
    }
}
