/// The About sheet (说明): what produced the workbook — scenario, file, SHA-256, seed, paths,
/// money unit, tool version — what each sheet holds, and how to read the figures.
struct AboutSheet {
    /// The run's manifest (the same facts as `run.json`).
    let manifest: RunManifest
    /// The workbook's language.
    let language: WorkbookLanguage
    /// Each sheet's names (more than one for a table continued past Excel's row limit) and
    /// what it holds.
    let sheets: [(names: [String], holds: String)]
    /// Rows per sheet, header included (Excel's 1,048,576).
    let rowLimit: Int
    /// The listed variants' `title:`s by name.
    var variantTitles: [String: String] = [:]

    /// The variants as people name them, each with the name `--variant` and the CSVs use where
    /// that differs (`不改革（counterfactual）`, `返还比例50%（rebate-50）`).
    var variants: String {
        manifest.variants.map { name in
            let shown = VariantTitle.display(name, language: language, titles: variantTitles)
            return shown == name ? name : shown + language.pick(" (\(name))", "（\(name)）")
        }.joined(separator: language.pick(", ", "、"))
    }

    /// Writes the sheet into `workbook`.
    func write(into workbook: XlsxWorkbook) throws {
        let sheet = try workbook.addSheet(SheetNames.about.name(language))
        let bold = XlsxWorkbook.FormatKey(numberFormat: "", bold: true)
        let wrapped = XlsxWorkbook.FormatKey(numberFormat: "", wrap: true)
        let l = language
        let m = manifest
        var facts: [(String, String)] = [
            (l.pick("Scenario", "情景"), m.name),
            (l.pick("Scenario file", "情景文件"), m.scenario),
            ("SHA-256", m.scenarioSHA256),
            (l.pick("Seed", "随机种子"), String(m.seed)),
            (l.pick("Paths", "路径数"), String(m.paths)),
            (l.pick("Years", "年份"), "\(m.years[0] + 1)–\(m.years[1])" + l.pick(" (base year \(m.years[0]))", "（基年 \(m.years[0])）")),
            (l.pick("Variants", "方案"), variants),
            (l.pick("Money unit", "金额单位"), "\(m.currency) \(m.unit)"),
            (l.pick("Rounding", "舍入"), l.pick("\(m.precision) decimals, \(m.rounding)", "\(m.precision) 位小数，\(m.rounding)")),
            (l.pick("Tool", "工具"), "\(m.tool) \(m.version)"),
        ]
        for (file, encoding) in (m.inputEncodings ?? [:]).sorted(by: { $0.key < $1.key }) {
            facts.append((l.pick("Input encoding", "输入编码"), "\(file): \(encoding)"))
        }
        for (path, value) in (m.set ?? [:]).sorted(by: { $0.key < $1.key }) {
            facts.append((l.pick("Set (--set)", "临时设定（--set）"), "\(path) = \(value.text)"))
        }
        var row = 0
        for (label, value) in facts {
            try sheet.text(row, 0, label, bold)
            try sheet.text(row, 1, value)
            row += 1
        }
        // The run's warnings (model.md §22), as standard error showed them, so they survive the terminal.
        for warning in m.warnings ?? [] {
            try sheet.text(row, 0, l.pick("Warning", "提示"), bold)
            try sheet.text(row, 1, warning, wrapped)
            row += 1
        }
        row += 1
        try sheet.text(row, 0, l.pick("Sheet", "工作表"), bold)
        try sheet.text(row, 1, l.pick("What it holds", "内容"), bold)
        row += 1
        for entry in sheets {
            var holds = entry.holds
            if entry.names.count > 1 {
                let digits = Array(String(rowLimit))
                let limit = String(digits.enumerated().flatMap { i, d in i > 0 && (digits.count - i) % 3 == 0 ? [",", d] : [d] })
                holds += l.pick(
                    "; longer than the \(limit) rows of a sheet (Excel's limit), it continues on \(entry.names.dropFirst().map { "'\($0)'" }.joined(separator: ", ")) (same columns, the header repeated)",
                    "；超过每张工作表 \(limit) 行的上限（Excel 的限制），续表见 \(entry.names.dropFirst().map { "“\($0)”" }.joined(separator: "、"))（列相同，表头重复）")
            }
            try sheet.text(row, 0, entry.names[0])
            try sheet.text(row, 1, holds, wrapped)
            row += 1
        }
        row += 1
        try sheet.text(row, 0, l.pick("How to read it", "阅读说明"), bold)
        for line in readingNotes {
            try sheet.text(row, 1, line, wrapped)
            row += 1
        }
        try sheet.width(0, 18)
        try sheet.width(1, 110)
        try sheet.pageSetup(fitWidth: true)
    }

    private var readingNotes: [String] {
        let m = manifest
        return [
            language.pick(
                "Every figure is rounded exactly as in the CSV files of this folder: money to \(m.precision) decimals (\(m.rounding)), ratios to 6 decimals; each number cell equals its CSV cell.",
                "所有数字的舍入与本文件夹中的 CSV 文件完全相同：金额保留 \(m.precision) 位小数（\(m.rounding)），比率保留 6 位小数；每个数字单元格等于对应的 CSV 单元格。"),
            language.pick(
                "Money is in \(m.currency) \(m.unit), shown with a thousands separator; ratios show 4 decimals (all 6 are stored). Empty cells are empty in the CSV too.",
                "金额单位为 \(m.currency) \(m.unit)，显示千位分隔符；比率显示 4 位小数（存储 6 位）。空单元格在 CSV 中同样为空。"),
            language.pick(
                "The notes on the header cells give the money unit; datapackage.json describes every column.",
                "表头单元格的批注注明金额单位；datapackage.json 说明每一列的含义。"),
        ]
    }
}
