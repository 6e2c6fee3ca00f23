import Foundation
import Yams

/// Reads a pinned test file into cases, reporting every problem with its line and column.
///
/// The format (documented in the README):
///
/// ```yaml
/// scenario: ../siming-pilot.yaml     # relative to this file
/// set: {rebate.capPerUnit: 2500}     # optional inline overrides
/// variant: reform                    # optional; the default key variant
/// expect:
///   - {table: districts, key: {district: siming, year: 2026}, column: rebates, value: 1234.56}
///   - table: units
///     key: {unit: zhonghua, year: 2026}
///     values: {tax: 15000.00, rebate: 12.30}
///     absoluteTolerance: 0.01
/// cases:                             # optional further cases; top-level keys are their defaults
///   - name: band rate above 1
///     set: {rebate.bands: [{rate: 1.5}]}
///     expectError: "between 0 and 1"
/// ```
struct PinFileReader {
    /// Where files are read from (the scenario's existence is checked when it runs).
    let path: String

    /// Defaults a case inherits from the top level.
    private struct Defaults {
        var scenario: (text: String, node: Node)?
        var setKeys: [SourcePosition] = []
        var variant: String?
        var table: String?
        var tolerance = PinTolerance.exact
        /// `command` and its options (a case's keys replace the top level's).
        var command: [String: Node] = [:]
    }

    /// Parses `text`, the content of the file at `path`.
    func read(_ text: String) throws(InputError) -> PinFile {
        let stripped = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if stripped.allSatisfy(\.isWhitespace) {
            throw InputError([Diagnostic(file: path, line: 1, column: 1, message: "the test file is empty; it needs at least `scenario` and `expect` (see the README's 'Pinned tests')")])
        }
        let root = try YAMLSource.parse(stripped, file: path).root
        let reader = NodeReader(file: path)
        var cases: [PinCase] = []
        if let fields = reader.fields(root, path: "", allowed: PinKeys.topLevel) {
            if let description = fields["description"] { _ = reader.text(description, path: "description") }
            var defaults = Defaults()
            readShared(fields, into: &defaults, reader: reader, path: "")
            let hasOwnOutcome = fields["expect"] != nil || fields["expectError"] != nil
            if hasOwnOutcome {
                if let item = makeCase(fields, defaults: defaults, reader: reader, path: "") { cases.append(item) }
            }
            if let list = fields["cases"] {
                for (index, node) in (reader.list(list, path: "cases") ?? []).enumerated() {
                    let casePath = "cases[\(index)]"
                    guard let caseFields = reader.fields(node, path: casePath, allowed: PinKeys.caseKeys) else { continue }
                    var inherited = defaults
                    readShared(caseFields, into: &inherited, reader: reader, path: casePath)
                    if let item = makeCase(caseFields, defaults: inherited, reader: reader, path: casePath) { cases.append(item) }
                }
            } else if !hasOwnOutcome {
                reader.error(root, "the test file expects nothing: add `expect:` (a list of pinned values), `expectError:` or `cases:`")
            }
        }
        if reader.hasErrors { throw InputError(reader.diagnostics) }
        for index in cases.indices {
            cases[index].overrides = ScenarioOverrides(file: path, text: stripped, setKeys: cases[index].overrides.setKeys)
        }
        return PinFile(path: path, text: stripped, cases: cases)
    }

    /// Reads the keys a case shares with the top level into `defaults` (the case's own win;
    /// `set` mappings add up).
    private func readShared(_ fields: NodeReader.Fields, into defaults: inout Defaults, reader: NodeReader, path: String) {
        let prefix = path.isEmpty ? "" : path + "."
        if let node = fields["scenario"], let text = reader.text(node, path: prefix + "scenario") {
            defaults.scenario = (text, node)
        }
        if let entry = fields.entries.first(where: { $0.key == "set" }), fields["set"] != nil {
            if case .mapping(let mapping) = entry.value {
                for (key, _) in mapping where key.string?.isEmpty ?? true {
                    reader.error(key, "\(prefix)set: keys are dotted paths such as rebate.bands or lineFees.greening.transferShare")
                }
                if let mark = entry.keyNode.mark {
                    defaults.setKeys.append(SourcePosition(line: mark.line, column: mark.column))
                }
            } else {
                reader.error(entry.value, "\(prefix)set: expected a mapping from dotted path to value, e.g. {rebate.bands: [{rate: 0.5}]}, found \(NodeReader.describe(entry.value))")
            }
        }
        if let node = fields["variant"], let text = reader.text(node, path: prefix + "variant") { defaults.variant = text }
        if let node = fields["table"], let text = table(node, reader: reader, path: prefix + "table") { defaults.table = text }
        defaults.tolerance = tolerance(fields, default: defaults.tolerance, reader: reader, path: path)
        for key in PinCommand.keys { if let node = fields[key] { defaults.command[key] = node } }
    }

    private func makeCase(_ fields: NodeReader.Fields, defaults: Defaults, reader: NodeReader, path: String) -> PinCase? {
        let prefix = path.isEmpty ? "" : path + "."
        let name = fields["name"].flatMap { reader.text($0, path: prefix + "name") }
        guard let scenario = defaults.scenario else {
            reader.error(fields.node, "\(path.isEmpty ? "" : path + ": ")missing required key 'scenario' (the scenario file, relative to this test file), here or at the top level")
            return nil
        }
        guard let command = PinCommand.read(defaults.command, reader: reader, path: path, testFile: self.path) else { return nil }
        var defaults = defaults
        var searchVariant: String?
        if command.takesVariant {
            searchVariant = defaults.variant
            defaults.variant = nil
            if !defaults.setKeys.isEmpty {
                reader.error(fields.node, "\(path.isEmpty ? "" : path + ": ")`set` applies to command run only; a sweep or solve sets its values with grid, design or vary")
                return nil
            }
        }
        let outcome: PinCase.Outcome
        switch (fields["expect"], fields["expectError"]) {
        case (let expect?, nil):
            guard let items = reader.list(expect, path: prefix + "expect") else { return nil }
            var expectations: [PinExpectation] = []
            for (index, item) in items.enumerated() {
                expectations += readExpectations(item, defaults: defaults, reader: reader, path: "\(prefix)expect[\(index)]")
            }
            outcome = .tables(expectations)
        case (nil, let error?):
            guard let text = reader.text(error, path: prefix + "expectError"), let mark = error.mark else { return nil }
            outcome = .error(text, at: SourcePosition(line: mark.line, column: mark.column))
        case (_?, _?):
            reader.error(fields["expectError"], "\(prefix)expectError: a case expects either values (`expect`) or an error (`expectError`), not both; split it into two cases")
            return nil
        case (nil, nil):
            reader.error(fields.node, "\(path.isEmpty ? "" : path + ": ")the case expects nothing: add `expect:` or `expectError:`")
            return nil
        }
        let resolved = ScenarioFiles.resolve(scenario.text, against: self.path)
        let mark = fields.node.mark
        return PinCase(
            name: name, position: SourcePosition(line: mark?.line ?? 1, column: mark?.column ?? 1),
            scenarioAsWritten: scenario.text, scenarioPath: resolved,
            overrides: ScenarioOverrides(file: self.path, text: "", setKeys: defaults.setKeys),
            runKey: ([(resolved as NSString).standardizingPath, command.cacheKey, searchVariant ?? ""]
                + defaults.setKeys.map { "\(self.path):\($0.line):\($0.column)" })
                .joined(separator: "\u{1}"),
            outcome: outcome, command: command, variant: searchVariant)
    }

    /// One expectation entry: one check for `column`/`value`, or one per entry of `values`.
    private func readExpectations(_ node: Node, defaults: Defaults, reader: NodeReader, path: String) -> [PinExpectation] {
        guard let fields = reader.fields(node, path: path, allowed: PinKeys.expectation) else { return [] }
        let tableName: String?
        if let tableNode = fields["table"] {
            tableName = table(tableNode, reader: reader, path: path + ".table")
        } else if let inherited = defaults.table {
            tableName = inherited
        } else {
            reader.error(node, "\(path): missing required key 'table' (units, districts, comparison, units_quantiles, …), here or as a default above")
            tableName = nil
        }
        var key: [(column: String, value: String)] = []
        if let keyNode = reader.requireKey("key", in: fields, path: path) {
            if case .mapping(let mapping) = keyNode {
                for (column, value) in mapping {
                    guard let name = reader.text(column, path: path + ".key") else { continue }
                    guard case .scalar(let scalar) = value else {
                        reader.error(value, "\(path).key.\(name): expected a single value (a unit id, a year, …), found \(NodeReader.describe(value))")
                        continue
                    }
                    key.append((name, scalar.string))
                }
            } else {
                reader.error(keyNode, "\(path).key: expected a mapping of key columns to values, e.g. {variant: reform, unit: zhonghua, year: 2026}, found \(NodeReader.describe(keyNode))")
            }
        }
        if let variant = defaults.variant, !key.contains(where: { $0.column == "variant" }) {
            key.append(("variant", variant))
        }
        let tolerance = tolerance(fields, default: defaults.tolerance, reader: reader, path: path)
        var cells: [(column: String, value: Node)] = []
        switch (fields["column"], fields["value"], fields.entries.first(where: { $0.key == "values" })?.value) {
        case (let column?, _, nil):
            guard let name = reader.text(column, path: path + ".column") else { break }
            guard let value = fields.entries.first(where: { $0.key == "value" })?.value else {
                reader.error(node, "\(path): missing required key 'value' (the approved number; `null` for an empty cell)")
                break
            }
            cells.append((name, value))
        case (nil, nil, let values?):
            guard case .mapping(let mapping) = values else {
                reader.error(values, "\(path).values: expected a mapping of column to value, e.g. {tax: 15000.00, rebate: 12.30}, found \(NodeReader.describe(values))")
                break
            }
            for (column, value) in mapping {
                if let name = reader.text(column, path: path + ".values") { cells.append((name, value)) }
            }
        case (nil, nil, nil), (nil, _?, nil):
            reader.error(node, "\(path): say what to compare: `column:` and `value:`, or `values: {column: value, …}`")
        default:
            reader.error(node, "\(path): use either `column:` with `value:` or `values:`, not both")
        }
        guard let tableName else { return [] }
        return cells.compactMap { column, value in
            guard let expected = expectedValue(value, reader: reader, path: "\(path).\(column)"), let mark = value.mark else { return nil }
            return PinExpectation(
                table: tableName, key: key, column: column, expected: expected, tolerance: tolerance,
                valuePosition: SourcePosition(line: mark.line, column: mark.column))
        }
    }

    private func expectedValue(_ node: Node, reader: NodeReader, path: String) -> PinValue? {
        guard case .scalar(let scalar) = node else {
            reader.error(node, "\(path): expected a single value (a number, null for an empty cell, or text), found \(NodeReader.describe(node))")
            return nil
        }
        if scalar.style == .plain {
            if node.null != nil { return .empty }
            if let value = Double(scalar.string) {
                guard value.isFinite else {
                    reader.error(node, "\(path): expected a finite number, found '\(scalar.string)'")
                    return nil
                }
                return .number(value, text: scalar.string)
            }
            return .text(scalar.string)
        }
        return scalar.string.isEmpty ? .empty : .text(scalar.string)
    }

    private func table(_ node: Node, reader: NodeReader, path: String) -> String? {
        guard let name = reader.text(node, path: path) else { return nil }
        if name.contains("/") || name.hasSuffix(".csv") || name.hasPrefix(".") {
            reader.error(node, "\(path): name the table without folder or extension, e.g. units, districts, comparison, units_quantiles; found '\(name)'")
            return nil
        }
        return name
    }

    private func tolerance(_ fields: NodeReader.Fields, default base: PinTolerance, reader: NodeReader, path: String) -> PinTolerance {
        let prefix = path.isEmpty ? "" : path + "."
        var result = base
        if let node = fields["absoluteTolerance"], let value = reader.number(node, path: prefix + "absoluteTolerance", range: .nonNegative) {
            result.absolute = value
        }
        if let node = fields["relativeTolerance"], let value = reader.number(node, path: prefix + "relativeTolerance", range: .nonNegative) {
            result.relative = value
        }
        return result
    }
}
