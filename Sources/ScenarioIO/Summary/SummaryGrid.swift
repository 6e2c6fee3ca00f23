/// A table `run` prints after a run — the summary or the headline comparison — as rows of
/// cells, so the terminal and the workbook's Summary sheet (汇总) show the same figures.
public struct SummaryGrid: Sendable, Equatable {
    /// A column heading in both output languages.
    public struct Column: Sendable, Equatable {
        /// English heading (what the terminal prints).
        public var english: String
        /// Chinese heading (the workbook with `--lang zh`).
        public var chinese: String

        /// A heading.
        public init(_ english: String, _ chinese: String) {
            self.english = english
            self.chinese = chinese
        }

        /// The heading of an output column with a suffix such as the last year, its Chinese
        /// label taken from `ColumnCatalog`.
        public init(_ english: String, column: String, suffix: String = "") {
            self.init(english + suffix, ColumnCatalog.entry(for: column).chinese + suffix)
        }
    }

    /// One cell.
    public enum Cell: Sendable, Equatable {
        /// Text (variant, district).
        case text(String)
        /// A money amount rounded as in the CSVs, as written there.
        case money(String)
        /// A ratio, as printed (4 decimals).
        case ratio(String)
        /// `count` of `total` units.
        case fraction(Int, of: Int)
        /// Nothing (e.g. no counterfactual to compare with).
        case empty

        /// The text the terminal prints.
        public var text: String {
            switch self {
            case let .text(text), let .money(text), let .ratio(text): text
            case let .fraction(count, total): "\(count) of \(total)"
            case .empty: ""
            }
        }

        /// The text printed in `language` (`9 of 10`, Chinese `9 / 10` as on the Summary sheet;
        /// variant ids as people name them under Chinese).
        public func text(in language: WorkbookLanguage) -> String {
            guard language == .chinese else { return text }
            switch self {
            case let .fraction(count, total): return "\(count) / \(total)"
            case let .text(name): return VariantTitle.display(name, language: language)
            default: return text
            }
        }
    }

    /// English title line.
    public var title: String
    /// Chinese title line.
    public var chineseTitle: String
    /// Column headings.
    public var columns: [Column]
    /// Rows of cells, one per variant and district.
    public var rows: [[Cell]]

    /// A grid.
    public init(title: String, chineseTitle: String, columns: [Column], rows: [[Cell]]) {
        self.title = title
        self.chineseTitle = chineseTitle
        self.columns = columns
        self.rows = rows
    }

    /// Columns holding numbers (right-aligned in the terminal): every column after the two keys.
    public var numericColumns: Range<Int> { 2..<columns.count }
}
