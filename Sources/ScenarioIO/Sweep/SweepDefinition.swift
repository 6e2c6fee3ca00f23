import FiscalModel
import Foundation

/// What a sweep varies (model.md §15.1): the swept paths and the numbered points, from `--grid`
/// axes or a `--design` file.
public struct SweepDefinition: Sendable {
    /// Where the points come from (recorded in `sweep.json`).
    public enum Source: Sendable, Equatable {
        /// `--grid` axes, the first varying slowest.
        case grid([GridAxis])
        /// A design file: its path as given and the SHA-256 of its bytes.
        case design(file: String, sha256: String)
    }

    /// Grid axes or design file.
    public var source: Source
    /// The swept paths, one `sweep.csv` column each, in order.
    public var paths: [String]
    /// The points 1…P.
    public var points: [SweepPoint]
    /// For a design file, the line of each point's row (its cells are in columns
    /// `firstValueColumn`…); `nil` for a grid.
    var rowLines: [Int]?
    /// 1-based column of the first path in the design file.
    var firstValueColumn = 1

    /// The most points one sweep may have.
    public static let maximumPoints = 1_000_000

    /// Where point `index`'s value of path `column` was written, if in a file.
    func location(point index: Int, column: Int) -> (file: String, line: Int, column: Int)? {
        guard case let .design(file, _) = source, let rowLines else { return nil }
        return (file, rowLines[index], firstValueColumn + column)
    }

    /// The sweep of the `--grid PATH=V1,V2,…` / `--grid PATH=LO:HI:N` options, in order.
    public static func grid(_ options: [String]) throws(InputError) -> SweepDefinition {
        var axes: [GridAxis] = []
        var problems: [Diagnostic] = []
        for option in options {
            func problem(_ message: String) { problems.append(Diagnostic(file: "--grid \(option)", message: message)) }
            guard let equals = option.firstIndex(of: "=") else {
                problem("expected PATH=V1,V2,… or PATH=LO:HI:N, e.g. --grid rebate.bands.0.rate=0.2,0.3 or --grid incentive.elasticity=0:0.1:5")
                continue
            }
            let path = option[..<equals].trimmingCharacters(in: .whitespaces)
            let values = String(option[option.index(after: equals)...])
            if path.isEmpty { problem("the path before '=' is empty; write a dotted path such as rebate.bands.0.rate"); continue }
            if axes.contains(where: { $0.path == path }) { problem("'\(path)' is swept twice; give each path one --grid"); continue }
            switch range(values) {
            case .success(let generated?): axes.append(GridAxis(path: path, values: generated))
            case .failure(let failure): problem(failure.message)
            case .success(nil):
                let list = values.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if list.contains(where: \.isEmpty) {
                    problem("a value is empty; write comma-separated YAML scalars such as 0.2,0.3 or 2026,never")
                    continue
                }
                axes.append(GridAxis(path: path, values: list))
            }
        }
        if options.isEmpty { problems.append(Diagnostic(file: "--grid", message: "give at least one --grid PATH=VALUES or a --design FILE.csv")) }
        let count = axes.reduce(1.0) { $0 * Double($1.values.count) }
        if problems.isEmpty, count > Double(maximumPoints) {
            problems.append(Diagnostic(file: "--grid", message: "the grid has \(NumberText.trimmed.text(count)) points; a sweep may have at most \(maximumPoints) (use fewer values or split it into several sweeps)"))
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return SweepDefinition(source: .grid(axes), paths: axes.map(\.path), points: GridAxis.points(axes))
    }

    /// `LO:HI:N` as its values, `nil` if `text` is a list, or why the range is invalid.
    private static func range(_ text: String) -> Result<[String]?, RangeProblem> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, !text.contains(",") else { return .success(nil) }
        guard let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite else {
            return .failure(RangeProblem("LO and HI of LO:HI:N must be numbers; found '\(parts[0])' and '\(parts[1])'"))
        }
        guard let count = Int(parts[2]), count >= 2, count <= maximumPoints else {
            return .failure(RangeProblem("N of LO:HI:N must be a whole number from 2 to \(maximumPoints) (the number of values, both ends included); found '\(parts[2])'"))
        }
        return .success(GridAxis.evenlySpaced(from: lo, to: hi, count: count).map(NumberText.plain.text))
    }

    /// The sweep of a design file's bytes `data` (model.md §15.1): header = optional `point`, then
    /// one dotted path per column; one row per point; cells are YAML scalars, none empty.
    public static func design(_ data: Data, file: String) throws(InputError) -> SweepDefinition {
        let table = try CSVTable.parse(data, file: file)
        var problems: [Diagnostic] = []
        let named = table.header.first == "point"
        let paths = Array(table.header.dropFirst(named ? 1 : 0))
        let offset = named ? 1 : 0
        if paths.isEmpty {
            problems.append(Diagnostic(file: file, line: 1, column: 1, message: "the header names no path; write an optional 'point' column, then one dotted path per column, e.g. point,incentive.elasticity,rebate.bands.0.rate"))
        }
        for (index, path) in paths.enumerated() {
            if path.isEmpty {
                problems.append(Diagnostic(file: file, line: 1, column: index + offset + 1, message: "the header cell is empty; name a dotted path such as rebate.bands.0.rate"))
            } else if paths[..<index].contains(path) {
                problems.append(Diagnostic(file: file, line: 1, column: index + offset + 1, message: "the path '\(path)' appears twice in the header; give each path one column"))
            } else if path == "point" {
                problems.append(Diagnostic(file: file, line: 1, column: index + offset + 1, message: "'point' may only be the first column (the point names)"))
            }
        }
        if table.rows.isEmpty {
            problems.append(Diagnostic(file: file, line: 2, column: 1, message: "the design has no points; add one row per point below the header"))
        }
        var points: [SweepPoint] = []
        for (index, row) in table.rows.enumerated() where !paths.isEmpty {
            if row.fields.count > table.header.count {
                problems.append(Diagnostic(file: file, line: row.line, column: table.header.count + 1, message: "this row has \(row.fields.count) cells but the header has \(table.header.count); every row needs one cell per column"))
                continue
            }
            for (column, cell) in row.fields.enumerated() where cell.trimmingCharacters(in: .whitespaces).isEmpty && (column >= offset) {
                problems.append(Diagnostic(file: file, line: row.line, column: column + 1, message: "point \(index + 1): the cell for '\(table.header[column])' is empty; every point needs a value for every path"))
            }
            let name = named ? row.fields[0].trimmingCharacters(in: .whitespaces) : ""
            points.append(SweepPoint(number: index + 1, name: name, values: row.fields.dropFirst(offset).map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        guard problems.isEmpty else { throw InputError(problems) }
        let digest = ContentDigest.sha256(data)
        return SweepDefinition(
            source: .design(file: file, sha256: digest), paths: paths, points: points, rowLines: table.rows.map(\.line),
            firstValueColumn: offset + 1)
    }
}

/// Why `LO:HI:N` is invalid.
private struct RangeProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
