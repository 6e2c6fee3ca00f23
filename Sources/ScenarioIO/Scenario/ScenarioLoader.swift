import FiscalModel
import Foundation
import Yams

/// A scenario read and validated from a file, with what the run manifest records about it.
public struct LoadedScenario: Sendable {
    /// The validated model.
    public var scenario: Scenario
    /// The scenario path as given.
    public var path: String
    /// SHA-256 of the scenario file's bytes, hex.
    public var sha256: String
    /// Warnings (the scenario is runnable).
    public var warnings: [Diagnostic]
    /// Input tables decoded from an encoding other than UTF-8 (file → encoding, e.g.
    /// `GB18030`), recorded in `run.json`.
    public var inputEncodings: [String: String] = [:]
    /// SHA-256 of every file the scenario reads, by role: `scenario`, `units`, `taxSeries`,
    /// `matrix` (what a shard records, model.md §16).
    public var inputDigests: [String: String] = [:]
    /// Every file the load read: the scenario, then its tables (an output folder must not
    /// hold them, issue 23).
    public var inputFiles: [String] = []
    /// The `--set` entries applied to the scenario as written (recorded in `run.json`).
    public var settings: CommandLineSet = .none
}

/// Reads a scenario file and the tables it names into a validated `Scenario`, checking
/// everything model.md §11 and §13 ask and reporting every problem found in one pass.
public struct ScenarioLoader: Sendable {
    /// Where files are read from.
    public var files: ScenarioFiles
    /// Units tables already read, by file, districts and columns (`nil`: read each time); a
    /// sweep validates hundreds of points of one scenario.
    var unitsCache: UnitsTableCache?
    /// Told `(rows read, rows)` while the units file is read (a progress line for large files).
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// Creates a loader reading from `files`.
    public init(files: ScenarioFiles = .disk) { self.files = files }

    /// Loads and validates the scenario at `path`, with `overrides` (a pinned test file's
    /// inline `set`) and then `settings` (`--set PATH=VALUE`) applied to the scenario as written
    /// before anything is checked; diagnostics about a setting name `--set PATH`.
    public func load(
        _ path: String, overrides: ScenarioOverrides = .none, settings: CommandLineSet = .none
    ) throws(InputError) -> LoadedScenario {
        let data: Data
        do {
            data = try files.data(at: path)
        } catch {
            throw InputError([Diagnostic(file: path, message: "cannot read the scenario file: \(Self.reason(error)); check the path")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let hint = CSVTable.looksLikeGB18030(data)
                ? "it looks like GBK/GB18030; save it as UTF-8 (in a text editor choose the UTF-8 encoding, or run: iconv -f GB18030 -t UTF-8 \(path) > utf8.yaml)"
                : "save it as UTF-8"
            throw InputError([Diagnostic(file: path, line: CSVTable.firstInvalidLine(data), column: 1, message: "the scenario file is not UTF-8 text; \(hint)")])
        }
        let source = try YAMLSource.parse(text, file: path)
        var root = source.root
        // More lines than the scenario can have (CR, LF and CRLF breaks all counted).
        let lineOffset = YAMLSource.lineBound(text)
        // The settings' nodes come after the overrides' lines.
        let settingsOffset = lineOffset + (overrides.isEmpty ? 0 : YAMLSource.lineBound(overrides.text))
        // Not yet validated: a huge base year must not overflow here (it is reported later).
        let firstYear = root.mapping?["years"]?.mapping?["base"]?.int.map { $0 == .max ? $0 : $0 + 1 } ?? 0
        if !overrides.isEmpty {
            let applied = overrides.apply(to: root, lineOffset: lineOffset, firstYear: firstYear)
            guard applied.diagnostics.isEmpty else { throw InputError(applied.diagnostics) }
            root = applied.root
        }
        if !settings.isEmpty {
            let applied = settings.apply(to: root, lineOffset: settingsOffset, firstYear: firstYear)
            guard applied.diagnostics.isEmpty else { throw InputError(applied.diagnostics) }
            root = applied.root
        }
        let reader = NodeReader(file: path)
        reader.source = SourceText(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        let log = InputDigests()
        let scenario = InputDigests.$current.withValue(log) { decode(root, reader: reader, path: path) }
        let diagnostics = reader.diagnostics.map {
            overrides.relocate(settings.relocate($0, lineOffset: settingsOffset), lineOffset: lineOffset)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let scenario else {
            throw InputError(errors.isEmpty ? [Diagnostic(file: path, message: "the scenario is invalid")] : diagnostics)
        }
        let digest = ContentDigest.sha256(data)
        let pathsKey = root.mapping?.first { $0.key.string == "paths" }?.key.mark
        let shocks = ScenarioWarnings.zeroShocks(scenario, paths: scenario.paths, file: path, at: pathsKey)
        return LoadedScenario(
            scenario: scenario, path: path, sha256: digest, warnings: diagnostics + (shocks.map { [$0] } ?? []), inputEncodings: reader.inputEncodings,
            inputDigests: log.digests.merging(["scenario": digest]) { $1 }, inputFiles: [path] + log.files, settings: settings)
    }

    /// Validates the scenario tree `root` as if it were the file at `path` (tables it names are
    /// read through `files`): the model, or `nil` and every diagnostic (warnings included).
    /// Policy sections `reuse` holds are taken from it unless the tree changed them.
    func decode(
        tree root: Node, path: String, reuse: PolicyDecoder.Reuse? = nil
    ) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        let reader = NodeReader(file: path)
        let scenario = decode(root, reader: reader, path: path, reuse: reuse)
        return (reader.hasErrors ? nil : scenario, reader.diagnostics)
    }

    static func reason(_ error: Error) -> String { InputFile.reason(error) }

    // MARK: Decoding

    private func decode(_ root: Node, reader: NodeReader, path: String, reuse: PolicyDecoder.Reuse? = nil) -> Scenario? {
        guard let fields = reader.fields(root, path: "", allowed: ScenarioKeys.topLevel) else { return nil }
        let header = ScenarioHeader.decode(fields, reader: reader)
        // Without valid years the year-dependent checks (step-function starts, weights per
        // year, variants) are skipped, but everything else — the units file included — is
        // still checked so one pass reports every problem.
        let horizon = header.horizon
        reader.horizon = horizon
        let districtIDs = header.districts.map(\.id)
        var decoder = PolicyDecoder(reader: reader, districtIDs: districtIDs, reuse: reuse)
        let reform = decoder.decode(fields)
        var decoders = [decoder]
        var variants: [(name: String, node: Node, policy: Policy?)] = []
        if horizon != nil, let list = fields["variants"] {
            // Checked even when the reform has errors; those are not repeated per variant.
            variants = decodeVariants(list, root: root, reform: reform, reader: reader, districtIDs: districtIDs, decoders: &decoders)
        }

        // The units table, with every column any policy reads.
        var units: [FiscalUnit] = []
        var columns: [String] = []
        for column in decoders.flatMap(\.columns).map(\.column) where !columns.contains(column) {
            columns.append(column)
        }
        guard let unitsPath = header.unitsPath else { return nil }
        let unitsFile = ScenarioFiles.resolve(unitsPath.path, against: path)
        let unitsKey = ([unitsFile, "|"] + districtIDs + ["|"] + columns).joined(separator: "\u{1}")
        var columnKeys: [String: String] = [:]
        for reference in decoders.flatMap(\.columns) where columnKeys[reference.column] == nil {
            columnKeys[reference.column] = reference.path + (reference.node.mark.map { " (\(path):\($0.line))" } ?? "")
        }
        if let result = unitsCache?[unitsKey] ?? readTable(unitsFile, node: unitsPath.node, reader: reader, what: "units").map({
            var table = UnitsTableReader(table: $0, districtIDs: districtIDs, indicatorColumns: columns)
            table.columnKeys = columnKeys
            table.progress = progress
            return table.read()
        }) {
            unitsCache?[unitsKey] = result
            reader.append(result.diagnostics)
            units = result.units
            if !result.diagnostics.contains(where: { $0.severity == .error }) {
                checkAgainstUnits(units, header: header, decoders: decoders, reader: reader)
                // Only for a valid policy: a section with an error may name tags not read yet.
                if !reader.hasErrors {
                    let named = Set(decoders.flatMap(\.tagReferences).map(\.tag))
                    reader.append(ScenarioWarnings.unnamedTags(result.tagCells, named: named, file: unitsFile))
                }
            }
        }
        if let series = header.taxSeriesPath, let horizon, !units.isEmpty {
            let file = ScenarioFiles.resolve(series.path, against: path)
            if let table = readTable(file, node: series.node, reader: reader, what: "tax series") {
                let result = TaxSeriesReader(table: table, unitIDs: units.map(\.id), horizon: horizon).read()
                reader.append(result.diagnostics)
                for (unit, years) in result.series { units[unit].plannedTax = years }
            }
        }
        var matrix: CorrelationMatrix?
        if let file = decoders.compactMap(\.matrixFile).first, !units.isEmpty {
            matrix = readMatrix(ScenarioFiles.resolve(file.path, against: path), node: file.node, units: units, reader: reader)
        }
        guard !reader.hasErrors, var reform, let horizon else { return nil }
        func withMatrix(_ policy: Policy, _ decoder: PolicyDecoder) -> Policy {
            var policy = policy
            if decoder.matrixFile != nil, let matrix { policy.taxGrowth.correlation = .matrix(matrix) }
            return policy
        }
        reform = withMatrix(reform, decoders[0])
        var scenario = Scenario(
            name: header.name ?? "scenario", horizon: horizon, currency: header.currency, moneyUnit: header.moneyUnit,
            precision: header.precision, rounding: header.rounding, seed: header.seed, paths: header.paths,
            districts: header.districts, units: units, reform: reform,
            variants: zip(variants, decoders.dropFirst()).compactMap { variant, decoder in
                variant.policy.map {
                    var result = Variant(name: variant.name, policy: withMatrix($0, decoder))
                    result.title = variant.node.mapping?["title"]?.string
                    return result
                }
            })
        scenario.discountRate = header.discountRate
        return scenario
    }

    private func decodeVariants(
        _ list: Node, root: Node, reform: Policy?, reader: NodeReader, districtIDs: [String], decoders: inout [PolicyDecoder]
    ) -> [(name: String, node: Node, policy: Policy?)] {
        guard let items = reader.list(list, path: "variants") else { return [] }
        if items.count > InputSizeLimits.variants {
            reader.error(list, "variants: \(items.count) variants; at most \(InputSizeLimits.variants) are allowed (every table has rows for each); split them over several scenarios or use sweep")
            return []
        }
        var result: [(String, Node, Policy?)] = []
        var names = Set([Variant.reformName, Variant.counterfactualName])
        let overlay = VariantOverlay(firstYear: reader.horizon!.firstYear)
        for (index, item) in items.enumerated() {
            let path = "variants[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: ScenarioKeys.variant),
                let nameNode = reader.requireKey("name", in: fields, path: path),
                let name = reader.text(nameNode, path: path + ".name")
            else { continue }
            guard names.insert(name).inserted else {
                let why = [Variant.reformName, Variant.counterfactualName].contains(name) ? "is reserved" : "is used twice"
                reader.error(nameNode, "\(path).name: the variant name '\(name)' \(why); choose another name")
                continue
            }
            var tree = root
            var valid = true
            if let setNode = fields["set"] {
                guard case .mapping(let entries) = setNode else {
                    reader.error(setNode, "variant '\(name)': set: expected a mapping from dotted path to value, e.g. {rebate.bands: [{rate: 0.5}]}")
                    continue
                }
                for (keyNode, value) in entries {
                    let key = keyNode.string ?? ""
                    let first = String(key.split(separator: ".").first ?? "")
                    if ScenarioKeys.fixedForVariants.contains(first) {
                        reader.error(keyNode, "variant '\(name)': set: '\(key)' cannot be changed by a variant (name, years, currency, unit, precision, rounding, seed, paths, units, taxSeries, discountRate and variants are the same for all variants)")
                        valid = false
                        continue
                    }
                    if !ScenarioKeys.topLevel.contains(first) {
                        reader.error(keyNode, "variant '\(name)': set: '\(key)' does not exist: unknown section '\(first)'\(Suggestion.hint(for: first, in: ScenarioKeys.topLevel))")
                        valid = false
                        continue
                    }
                    do {
                        tree = try overlay.apply(value, at: key, to: tree, mark: keyNode.mark)
                    } catch {
                        reader.error(keyNode, "variant '\(name)': set: \(error.message)")
                        valid = false
                    }
                }
            }
            // The title is checked here and read into the variant when the scenario is built.
            if let node = fields["title"] { _ = reader.text(node, path: path + ".title") }
            guard valid else { continue }
            reader.context = "variant '\(name)': "
            defer { reader.context = "" }
            guard let variantRoot = reader.fields(tree, path: "", allowed: ScenarioKeys.topLevel) else { continue }
            let variantDistricts = ScenarioHeader.districtIDs(variantRoot["districts"])
            if variantDistricts != districtIDs {
                reader.error(fields["set"], "variants may not add, remove or reorder districts; the scenario declares \(districtIDs.joined(separator: ", "))")
                continue
            }
            var decoder = PolicyDecoder(reader: reader, districtIDs: districtIDs)
            let policy = decoder.decode(variantRoot)
            if let policy, let reform, policy.lineFees.map(\.id) != reform.lineFees.map(\.id) {
                reader.error(fields["set"], "variants may not add, remove or reorder fee categories; the scenario has \(reform.lineFees.map(\.id).joined(separator: ", "))")
                continue
            }
            decoders.append(decoder)
            result.append((name, item, policy))
        }
        return result
    }

    private func readTable(_ file: String, node: Node, reader: NodeReader, what: String) -> CSVTable? {
        let data: Data
        do {
            data = try files.data(at: file)
        } catch {
            reader.error(node, "cannot read the \(what) file '\(file)': \(Self.reason(error)); paths are relative to the scenario file")
            return nil
        }
        InputDigests.current?.record(what, data, path: file)
        do {
            let table = try CSVTable.parse(data, file: file)
            if let encoding = table.encoding {
                reader.append([GB18030Text.note(file: file)])
                reader.inputEncodings[file] = encoding
            }
            return table
        } catch {
            reader.append(error.diagnostics)
            return nil
        }
    }

    private func checkAgainstUnits(_ units: [FiscalUnit], header: ScenarioHeader, decoders: [PolicyDecoder], reader: NodeReader) {
        let ids = units.map(\.id)
        for (index, district) in header.districts.enumerated() where !units.contains(where: { $0.districtIndex == index }) {
            reader.error(header.districtNodes[index], "district '\(district.id)' has no units in the units file; remove it or add its units")
        }
        var reported = Set<String>()
        for decoder in decoders {
            for reference in decoder.unitReferences where !ids.contains(reference.id) && reported.insert("u:" + reference.id).inserted {
                reader.error(reference.node, "rollout.byUnit: '\(reference.id)' is not a unit of the units file\(Suggestion.hint(for: reference.id, in: ids))")
            }
            for key in decoder.keys {
                for column in key.key.columns {
                    for (index, district) in header.districts.enumerated() {
                        let sum = units.filter { $0.districtIndex == index }.reduce(0) { $0 + $1.indicator(column) }
                        if sum == 0, reported.insert("k:\(key.path)|\(column)|\(district.id)").inserted {
                            reader.error(key.node, "\(key.path): column '\(column)' sums to 0 over the units of district '\(district.id)', so no share can be computed; fill in the column or drop it from the key")
                        }
                    }
                }
            }
        }
        for decoder in decoders { checkWaves(decoder, units: units, districtIDs: header.districts.map(\.id), reader: reader, reported: &reported) }
        let tags = Set(units.flatMap(\.tags))
        for decoder in decoders {
            for reference in decoder.tagReferences where !tags.contains(reference.tag) && reported.insert("t:" + reference.tag).inserted {
                reader.warning(reference.node, "tag '\(reference.tag)' is carried by no unit\(Suggestion.hint(for: reference.tag, in: Array(tags).sorted())); it has no effect")
            }
        }
    }

    private func readMatrix(_ file: String, node: Node, units: [FiscalUnit], reader: NodeReader) -> CorrelationMatrix? {
        guard let table = readTable(file, node: node, reader: reader, what: "correlation matrix") else { return nil }
        let ids = units.map(\.id)
        guard table.header.first == "id", Array(table.header.dropFirst()) == ids else {
            reader.append([Diagnostic(file: file, line: 1, column: 1, message: "the header must be 'id' followed by the unit ids in units-file order (\(ids.prefix(5).joined(separator: ","))\(ids.count > 5 ? ",…" : ""))")])
            return nil
        }
        guard table.rows.count == ids.count else {
            reader.append([Diagnostic(file: file, line: 1, message: "expected one row per unit (\(ids.count)), found \(table.rows.count)")])
            return nil
        }
        var entries: [Double] = []
        entries.reserveCapacity(ids.count * ids.count)
        var valid = true
        for (index, row) in table.rows.enumerated() {
            guard row.fields.count == ids.count + 1, row.fields[0].trimmingCharacters(in: .whitespaces) == ids[index] else {
                reader.append([Diagnostic(file: file, line: row.line, column: 1, message: "row \(index + 1) must start with unit id '\(ids[index])' and have \(ids.count) values")])
                return nil
            }
            for (column, field) in row.fields.dropFirst().enumerated() {
                switch PlainDecimal.parse(field) {
                case .success(let value): entries.append(value)
                case .failure(let reason):
                    reader.append([Diagnostic(file: file, line: row.line, column: column + 2, message: "unit '\(ids[index])', column '\(ids[column])': found '\(field)'; \(reason.explanation)")])
                    valid = false
                    entries.append(0)
                }
            }
        }
        guard valid else { return nil }
        do {
            return try CorrelationMatrix(size: ids.count, entries: entries)
        } catch {
            // Point at the entry the check failed on: its row's line, its field (after the id).
            let (row, column): (Int, Int)
            switch error {
            case let .notSymmetric(r, c, _, _), let .outOfRange(r, c, _): (row, column) = (r, c)
            case let .diagonalNotOne(index, _): (row, column) = (index, index)
            case let .notPositiveDefinite(order): (row, column) = (order - 1, order - 1)
            }
            let line = table.rows.indices.contains(row) ? table.rows[row].line : 1
            reader.append([Diagnostic(file: file, line: line, column: column + 2, message: "the correlation matrix is \(error)")])
            return nil
        }
    }
}
