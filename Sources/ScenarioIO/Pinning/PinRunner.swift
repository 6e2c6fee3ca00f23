import Foundation

/// Runs the cases of pinned test files: loads each scenario with its overrides, runs it exactly
/// as `fiscal-sim run` would (`ScenarioRun`, in memory) and compares the cells of its tables
/// with the expected values. A scenario with the same overrides runs only once.
public struct PinRunner {
    /// Where scenarios and their tables are read from.
    public var files: ScenarioFiles
    private var runs: [String: RunOutcome] = [:]
    private var tables: [String: PinTable] = [:]

    /// What running a case's scenario gave.
    private enum RunOutcome {
        /// The run's files by name.
        case files([String: Data])
        /// The scenario was rejected (or could not run): the full message.
        case failure(String)
    }

    /// A runner reading from `files`.
    public init(files: ScenarioFiles = .disk) { self.files = files }

    /// Checks every case of `file`, in file order.
    public mutating func run(_ file: PinFile) -> [PinCheck] {
        var checks: [PinCheck] = []
        for item in file.cases {
            let outcome = run(item)
            let prefix = item.name.map { "[\($0)] " } ?? ""
            switch item.outcome {
            case .error(let expected, let position):
                var check = PinCheck(file: file.path, line: position.line, passed: false, subject: prefix + "expectError \"\(expected)\"")
                switch outcome {
                case .failure(let message) where message.contains(expected):
                    check.passed = true
                case .failure(let message):
                    check.problem = "the scenario was rejected, but with no message containing \"\(expected)\"; the messages were:\n" + Self.indent(message)
                case .files:
                    check.problem = "expected the scenario \(item.scenarioAsWritten) to be rejected with a message containing \"\(expected)\", but it loaded and ran"
                }
                checks.append(check)
            case .tables(let expectations):
                for (index, expectation) in expectations.enumerated() {
                    var check = check(expectation, in: outcome, runKey: item.runKey, file: file.path)
                    check.subject = prefix + check.subject
                    if case .failure(let message) = outcome {
                        check.problem = index == 0
                            ? "the scenario \(item.scenarioAsWritten) could not be run:\n" + Self.indent(message)
                            : "the scenario \(item.scenarioAsWritten) could not be run (see above)"
                    }
                    checks.append(check)
                }
            }
        }
        return checks
    }

    private mutating func check(_ expectation: PinExpectation, in outcome: RunOutcome, runKey: String, file: String) -> PinCheck {
        var check = PinCheck(
            file: file, line: expectation.valuePosition.line, passed: false,
            subject: "\(expectation.table) \(expectation.keyDescription) column \(expectation.column)")
        guard case .files(let files) = outcome else { return check }
        let json = files[expectation.table + ".csv"] == nil
        guard let data = files[expectation.table + ".csv"] ?? files[expectation.table + ".json"] else {
            let csvs = files.keys.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
            let names = (csvs.isEmpty ? files.keys.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) } : csvs).sorted()
            check.problem = "this run writes no table '\(expectation.table)'\(Suggestion.hint(for: expectation.table, in: names)); its tables are \(names.joined(separator: ", "))"
            return check
        }
        let table: PinTable
        if let cached = tables[runKey + "\u{0}" + expectation.table] {
            table = cached
        } else {
            do {
                table = try json ? PinTable(name: expectation.table, json: data) : PinTable(name: expectation.table, data: data)
            } catch {
                check.problem = "cannot read \(expectation.table).\(json ? "json" : "csv"): \(error)"
                return check
            }
            tables[runKey + "\u{0}" + expectation.table] = table
        }
        var key = expectation.key
        if !json, table.csv.header.contains("variant"), !key.contains(where: { $0.column == "variant" }) {
            key.append(("variant", PinKeys.defaultVariant))
        }
        let cell: String
        do {
            cell = try table.cell(key: key, column: expectation.column)
        } catch {
            check.problem = error.message
            return check
        }
        let actual = PinValue(cell: cell)
        switch (expectation.expected, actual) {
        case (.number(let expected, let expectedText), .number(let value, let actualText)):
            if expectation.tolerance.accepts(value, expected: expected) {
                check.passed = true
                return check
            }
            let decimals = max(PinValue.decimals(expectedText), PinValue.decimals(actualText))
            let difference = String(format: "%+.*f", decimals, value - expected)
            check.problem = "expected \(expectedText), actual \(actualText), difference \(difference)\(expectation.tolerance.suffix)"
        case (.empty, .empty):
            check.passed = true
            return check
        case (.text(let expected), _) where expected == cell:
            check.passed = true
            return check
        default:
            check.problem = "expected \(expectation.expected), actual \(actual)"
        }
        check.edit = PinEdit(position: expectation.valuePosition, value: actual)
        return check
    }

    /// Loads and runs the case's scenario once per distinct scenario and overrides.
    private mutating func run(_ item: PinCase) -> RunOutcome {
        if let cached = runs[item.runKey] { return cached }
        let outcome: RunOutcome
        do {
            if case .run = item.command {
                let loaded = try ScenarioLoader(files: files).load(item.scenarioPath, overrides: item.overrides)
                let run = try ScenarioRun(loaded)
                outcome = .files(Dictionary(run.files.map { ($0.name, $0.data) }, uniquingKeysWith: { first, _ in first }))
            } else {
                outcome = .files(try item.command.tables(scenario: item.scenarioPath, variant: item.variant, files: files))
            }
        } catch {
            outcome = .failure(ErrorReport(error).text)
        }
        runs[item.runKey] = outcome
        return outcome
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
