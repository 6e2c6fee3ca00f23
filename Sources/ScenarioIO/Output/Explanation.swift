/// The derivation of one unit-year in plain words and numbers (`fiscal-sim explain`): sections
/// of lines, each with an optional figure and the output cell that figure equals.
public struct Explanation: Sendable, Equatable {
    /// The output cell a printed figure equals.
    public struct Cell: Sendable, Equatable, CustomStringConvertible {
        /// `units.csv` or `districts.csv`.
        public var file: String
        /// The column name.
        public var column: String

        /// Creates a cell reference.
        public init(file: String, column: String) {
            self.file = file
            self.column = column
        }

        /// A `units.csv` column.
        public static func unit(_ column: String) -> Cell { Cell(file: "units.csv", column: column) }
        /// A `districts.csv` column.
        public static func district(_ column: String) -> Cell { Cell(file: "districts.csv", column: column) }

        /// `units.csv:rebate`.
        public var description: String { "\(file):\(column)" }

        /// The reference in `language`: under Chinese the column's header as `--lang zh` writes
        /// it (`units.csv:增量返还`).
        public func text(_ language: WorkbookLanguage) -> String {
            language == .english ? description : "\(file):\(ColumnCatalog.entry(for: column).chinese)"
        }
    }

    /// One step of the derivation.
    public struct Line: Sendable, Equatable {
        /// What the step is, with its formula and inputs.
        public var text: String
        /// The resulting figure as printed (rounded like the output), if any.
        public var value: String?
        /// The output cell the figure equals, if it is one.
        public var cell: Cell?

        /// Creates a line.
        public init(_ text: String, value: String? = nil, cell: Cell? = nil) {
            self.text = text
            self.value = value
            self.cell = cell
        }
    }

    /// A titled group of lines (tax, rebate, one fee category, …).
    public struct Section: Sendable, Equatable {
        /// Section title.
        public var title: String
        /// The lines.
        public var lines: [Line]

        /// Creates a section.
        public init(title: String, lines: [Line]) {
            self.title = title
            self.lines = lines
        }
    }

    /// What is explained: unit, district, year, variant and money unit.
    public var title: String
    /// The sections in derivation order.
    public var sections: [Section]
    /// The language of the words (`--lang`), which also names the output cells.
    public var language: WorkbookLanguage

    /// Creates an explanation.
    public init(title: String, sections: [Section], language: WorkbookLanguage = .english) {
        self.title = title
        self.sections = sections
        self.language = language
    }

    /// Every line that carries an output cell.
    public var figures: [Line] { sections.flatMap(\.lines).filter { $0.cell != nil } }

    /// Plain text: the title, then each section with its lines; figures line up on the right
    /// and name the output cell they equal.
    public func render() -> String {
        var out = [title]
        let textWidth = min(sections.flatMap(\.lines).map { DisplayWidth.of($0.text) }.max() ?? 0, 88)
        let valueWidth = sections.flatMap(\.lines).compactMap { $0.value.map(DisplayWidth.of) }.max() ?? 0
        for section in sections {
            out.append("")
            out.append(section.title)
            for line in section.lines {
                guard let value = line.value else {
                    out.append("  " + line.text)
                    continue
                }
                let pad = max(1, textWidth - DisplayWidth.of(line.text) + 1)
                let valuePad = String(repeating: " ", count: max(0, valueWidth - DisplayWidth.of(value)))
                var text = "  " + line.text + String(repeating: " ", count: pad) + valuePad + value
                if let cell = line.cell { text += "  [\(cell.text(language))]" }
                out.append(text)
            }
        }
        return out.joined(separator: "\n")
    }
}
