import ScenarioIO

/// A plain-text table whose columns line up with Chinese (double-width) text.
struct TextTable {
    let header: [String]
    let rows: [[String]]
    let rightAligned: Set<Int>

    /// The table of a summary `run` prints (`RunSummary`), under its title line, in `language`.
    static func render(_ grid: SummaryGrid, language: WorkbookLanguage = .english) -> String {
        let chinese = language == .chinese
        let table = TextTable(
            header: grid.columns.map { chinese ? $0.chinese : $0.english },
            rows: grid.rows.map { $0.map { $0.text(in: language) } },
            rightAligned: Set(grid.numericColumns))
        return (chinese ? grid.chineseTitle : grid.title) + "\n" + table.render()
    }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
