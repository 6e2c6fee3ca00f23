import FiscalModel
import Foundation

/// Reads the units CSV (model.md §11, §13) into street offices, reporting every problem with file,
/// line, column (the 1-based field number), unit and column name.
struct UnitsTableReader {
    /// Columns every units file needs.
    static let requiredColumns = ["id", "district", "tax", "allocation"]
    /// Money columns with a default of 0 when absent.
    static let optionalMoneyColumns = ["enterprise_income", "collective_income"]

    /// The table.
    let table: CSVTable
    /// Declared district ids.
    let districtIDs: [String]
    /// Indicator columns the scenario reads (fees, keys, task costs, needs).
    let indicatorColumns: [String]
    /// The scenario key that reads each indicator column (`needs.elderly.indicator`), named when
    /// the column is missing.
    var columnKeys: [String: String] = [:]

    /// Told `(rows read, rows)` every few thousand rows of a large file (`fiscal-sim run`'s progress line).
    var progress: (@Sendable (Int, Int) -> Void)?

    /// The units, or every problem found, and where each tag first appears.
    func read() -> UnitsTableResult {
        var diagnostics: [Diagnostic] = []
        let file = table.file
        func problem(line: Int, column: Int?, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
        }
        for column in Self.requiredColumns + indicatorColumns where table.index(of: column) == nil {
            let need = columnKeys[column].map { "; the scenario's \($0) needs it" } ?? (Self.requiredColumns.contains(column) ? "; every units file needs it" : "")
            problem(line: 1, column: nil, "missing column '\(column)'\(Suggestion.hint(for: column, in: table.header))\(need); the header has: \(table.header.joined(separator: ", "))")
        }
        var seenHeader = Set<String>()
        for (index, name) in table.header.enumerated() where !seenHeader.insert(name).inserted {
            problem(line: 1, column: index + 1, "column '\(name)' appears twice in the header")
        }
        // Without an id column no row can be named; otherwise the rows are still checked so
        // that one pass reports every problem.
        guard table.index(of: "id") != nil else { return ([], diagnostics, []) }

        let column = { (name: String) in table.index(of: name) }
        var units: [FiscalUnit] = []
        var seenIDs: [String: Int] = [:]
        var tagRows: [(unit: String, line: Int, tags: String)] = []
        for (index, row) in table.rows.enumerated() {
            if index % 4096 == 0 { progress?(index, table.rows.count) }
            let fields = row.fields
            guard fields.count == table.header.count else {
                if let split = Self.thousandsSplit(fields) {
                    let name = split < table.header.count ? " (column '\(table.header[split])')" : ""
                    problem(line: row.line, column: split + 1, "this row has \(fields.count) fields, the header only \(table.header.count): '\(fields[split]),\(fields[split + 1])'\(name) looks like a number with a thousands separator, which splits it into two fields; write \(fields[split].trimmingCharacters(in: .whitespaces))\(fields[split + 1].trimmingCharacters(in: .whitespaces)) without the comma")
                } else {
                    problem(line: row.line, column: nil, "this row has \(fields.count) fields, the header only \(table.header.count); check for a stray comma (quote text that contains commas)")
                }
                continue
            }
            func cell(_ name: String) -> String { column(name).map { fields[$0].trimmingWhitespace } ?? "" }
            let id = cell("id")
            let who = id.isEmpty ? "" : "unit '\(id)', "
            guard !id.isEmpty else {
                problem(line: row.line, column: column("id")! + 1, "column 'id': the unit id is empty; every unit needs a unique id")
                continue
            }
            // A duplicate is reported, and the rest of its row is still checked (every problem
            // in one pass), but the row does not become a unit.
            var valid = true
            if let first = seenIDs[id] {
                problem(line: row.line, column: column("id")! + 1, "unit '\(id)': duplicate id (first used on line \(first)); ids must be unique")
                valid = false
            } else {
                seenIDs[id] = row.line
            }
            let districtText = cell("district")
            let districtIndex = districtIDs.firstIndex(of: districtText)
            if districtIndex == nil, let districtColumn = column("district") {
                problem(line: row.line, column: districtColumn + 1, "\(who)column 'district': '\(districtText)' is not a declared district\(Suggestion.hint(for: districtText, in: districtIDs)); declared: \(districtIDs.joined(separator: ", "))")
            }
            if districtIndex == nil || column("district") == nil { valid = false }
            func number(_ name: String, minimum: Double? = 0, optional: Bool = false) -> Double? {
                guard let index = column(name) else { return optional ? 0 : nil }
                let found = fields[index].trimmingWhitespace
                switch PlainDecimal.parse(fields[index]) {
                case .success(let value):
                    if let minimum, value < minimum {
                        let allowed = minimum == 0 ? "amounts and indicators cannot be negative" : "must be ≥ \(minimum)"
                        problem(line: row.line, column: index + 1, "\(who)column '\(name)': found \(found); \(allowed)")
                        valid = false
                        return nil
                    }
                    if let limit = Self.limitProblem(value, growth: minimum == -1) {
                        problem(line: row.line, column: index + 1, "\(who)column '\(name)': found \(found); \(limit)")
                        valid = false
                        return nil
                    }
                    if minimum == -1, value > ValueLimits.warningGrowth {
                        diagnostics.append(Diagnostic(
                            file: file, line: row.line, column: index + 1, severity: .warning,
                            message: "\(who)column '\(name)': growth rate \(found) is above 1 (100 % a year); 0.06 means 6 %"))
                    }
                    return value
                case .failure(let reason):
                    problem(line: row.line, column: index + 1, "\(who)column '\(name)': found '\(fields[index])'; \(reason.explanation)")
                    valid = false
                    return nil
                }
            }
            let tax = number("tax")
            let allocation = number("allocation")
            let enterprise = number("enterprise_income", optional: true)
            let collective = number("collective_income", optional: true)
            var growthOverride: Double?
            if let index = column("tax_growth"), !fields[index].trimmingCharacters(in: .whitespaces).isEmpty {
                growthOverride = number("tax_growth", minimum: -1)
            }
            var indicators: [String: Double] = [:]
            for name in indicatorColumns where indicators[name] == nil {
                indicators[name] = number(name)
            }
            for (name, message) in Self.textCellProblems(id: id, name: cell("name"), tags: cell("tags"), who: who) {
                problem(line: row.line, column: column(name).map { $0 + 1 }, message)
                valid = false
            }
            if let message = UnitTags.separatorProblem(cell("tags"), who: who) {
                problem(line: row.line, column: column("tags").map { $0 + 1 }, message)
                valid = false
            }
            guard valid, let tax, let allocation, let enterprise, let collective, let districtIndex else { continue }
            let name = cell("name")
            let tags = UnitTags.split(cell("tags"))
            tagRows.append((id, row.line, cell("tags")))
            units.append(
                FiscalUnit(
                    id: id, name: name.isEmpty ? id : name, districtIndex: districtIndex, tags: tags, tax: tax,
                    allocation: allocation, enterpriseIncome: enterprise, collectiveIncome: collective,
                    taxGrowthOverride: growthOverride, indicators: indicators.compactMapValues { $0 }))
        }
        if table.rows.isEmpty { problem(line: 1, column: nil, "the file has a header but no units") }
        return (units, diagnostics, UnitTags.firstCells(tagRows, column: (column("tags") ?? 0) + 1))
    }

    /// Why a parsed cell breaks model.md §19's limits (amounts and indicators at most 1e15, growth
    /// rates at most 10), or `nil`.
    static func limitProblem(_ value: Double, growth: Bool) -> String? {
        if growth, value > ValueLimits.maximumGrowth {
            return "a growth rate must be ≤ 10 (1000 % a year); 0.06 means 6 %"
        }
        if !ValueLimits.isWithinMagnitude(value) {
            return "amounts and indicators must be at most 1e15 (check for extra digits or the money unit)"
        }
        return nil
    }

    /// The index of the first field of a row that looks like a number split by a thousands
    /// separator (`1,234` read as `1` and `234`), if any.
    static func thousandsSplit(_ fields: [String]) -> Int? {
        func isLead(_ text: String) -> Bool {
            let body = text.trimmingCharacters(in: .whitespaces).drop { $0 == "-" || $0 == "+" }
            return (1...3).contains(body.count) && body.allSatisfy { $0.isASCII && $0.isNumber }
        }
        func isGroup(_ text: String) -> Bool {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0].count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
        }
        return fields.indices.dropLast().first { isLead(fields[$0]) && isGroup(fields[$0 + 1]) }
    }
}

/// What `UnitsTableReader` reads: the units, every problem, and each tag's first cell.
typealias UnitsTableResult = (units: [FiscalUnit], diagnostics: [Diagnostic], tagCells: [UnitTags.Cell])

/// Reads a `taxSeries` CSV (`unit,year,tax`; model.md §13) into planned tax per unit.
struct TaxSeriesReader {
    /// The table.
    let table: CSVTable
    /// Unit ids in file order.
    let unitIDs: [String]
    /// The projection horizon.
    let horizon: Horizon
    /// Whether the file is a history (years ≤ the base year, `fiscal-sim calibrate`) rather than
    /// a plan for the projected years.
    var isHistory = false

    /// Planned tax by unit index and year, or every problem found.
    func read() -> (series: [Int: [Int: Double]], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func problem(_ line: Int, _ column: Int?, _ message: String) {
            diagnostics.append(Diagnostic(file: table.file, line: line, column: column, message: message))
        }
        let columns = ["unit", "year", "tax"].map { table.index(of: $0) }
        for (name, index) in zip(["unit", "year", "tax"], columns) where index == nil {
            problem(1, nil, "missing column '\(name)'\(Suggestion.hint(for: name, in: table.header)); a tax series has columns unit,year,tax")
        }
        guard let unitColumn = columns[0], let yearColumn = columns[1], let taxColumn = columns[2] else { return ([:], diagnostics) }
        var series: [Int: [Int: Double]] = [:]
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard row.fields.count == table.header.count else {
                problem(row.line, nil, "this row has \(row.fields.count) fields, the header only \(table.header.count); check for a stray comma")
                continue
            }
            let id = row.fields[unitColumn].trimmingCharacters(in: .whitespaces)
            guard let unit = unitIDs.firstIndex(of: id) else {
                problem(row.line, unitColumn + 1, "column 'unit': '\(id)' is not a unit of the units file\(Suggestion.hint(for: id, in: unitIDs))")
                continue
            }
            let yearText = row.fields[yearColumn].trimmingCharacters(in: .whitespaces)
            guard let year = Int(yearText) else {
                problem(row.line, yearColumn + 1, "unit '\(id)', column 'year': found '\(yearText)'; expected a whole year such as \(isHistory ? horizon.baseYear : horizon.firstYear)")
                continue
            }
            if isHistory, year > horizon.baseYear {
                problem(row.line, yearColumn + 1, "unit '\(id)', column 'year': \(year) is after the base year \(horizon.baseYear); a history lists past outturns up to the base year")
                continue
            }
            guard isHistory || horizon.years.contains(year) else {
                problem(row.line, yearColumn + 1, "unit '\(id)', column 'year': \(year) is outside the projected years \(horizon.firstYear)–\(horizon.endYear)")
                continue
            }
            if let first = seen["\(id)|\(year)"] {
                problem(row.line, unitColumn + 1, "unit '\(id)', year \(year): listed twice (first on line \(first))")
                continue
            }
            seen["\(id)|\(year)"] = row.line
            switch PlainDecimal.parse(row.fields[taxColumn]) {
            case .success(let tax) where tax >= 0 && ValueLimits.isWithinMagnitude(tax):
                series[unit, default: [:]][year] = tax
            case .success(let tax) where tax >= 0:
                problem(row.line, taxColumn + 1, "unit '\(id)', column 'tax': found \(row.fields[taxColumn]); \(UnitsTableReader.limitProblem(tax, growth: false) ?? "")")
            case .success:
                problem(row.line, taxColumn + 1, "unit '\(id)', column 'tax': found \(row.fields[taxColumn]); tax cannot be negative")
            case .failure(let reason):
                problem(row.line, taxColumn + 1, "unit '\(id)', column 'tax': found '\(row.fields[taxColumn])'; \(reason.explanation)")
            }
        }
        return (series, diagnostics)
    }
}
