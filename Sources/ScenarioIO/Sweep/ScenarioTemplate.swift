import FiscalModel
import Foundation
import Yams

/// The scenario a sweep or solve varies, read once (model.md §15.1): the file parsed, its tables
/// cached, the `--variant`'s `set` applied and the `variants` list dropped. Each point is this
/// tree with the point's entries applied exactly as a variant's `set`, then validated.
public struct ScenarioTemplate: Sendable {
    /// One entry of a point: a dotted path, the value as a YAML scalar, and where it was written.
    public struct Entry: Sendable {
        /// Dotted path, e.g. `rebate.bands.0.rate`.
        public var path: String
        /// The value's text (a YAML scalar such as `0.3`, `2028`, `never`).
        public var value: String
        /// The design file cell it came from (`nil` for a grid value).
        public var location: (file: String, line: Int, column: Int)?

        /// An entry.
        public init(path: String, value: String, location: (file: String, line: Int, column: Int)? = nil) {
            self.path = path
            self.value = value
            self.location = location
        }
    }

    /// The scenario as written, validated (its `run.json` facts: path, SHA-256).
    public let loaded: LoadedScenario
    /// The variant whose `set` every point starts from (`nil`: the scenario as written).
    public let variant: String?
    private let tree: FrozenNode
    private let lineOffset: Int
    private let loader: ScenarioLoader
    private let valueNodes = ValueNodeCache()
    /// Policy sections decoded once for the points that leave them as the template has them.
    private let sections: PolicyDecoder.SectionCache?
    /// The `--set` entries applied before the variant and the points.
    let settings: CommandLineSet
    /// Lines between a point's value nodes and the settings' nodes (more than a point has entries).
    private static let settingsGap = 10_000

    /// The tree every point starts from: the file with the `--set` entries and the variant's
    /// `set` applied and `variants` dropped (the what-if page reads its levers' values from it).
    public var startingTree: Node { tree.node! }

    /// Reads the scenario at `path` through `files` (read once), checks it as written with
    /// `settings` (`--set`) applied, and prepares points on top of `variant`'s `set` if given.
    public init(path: String, variant: String? = nil, files: ScenarioFiles = .disk, settings: CommandLineSet = .none) throws(InputError) {
        try self.init(path: path, variant: variant, files: files, settings: settings, reusingSections: true)
    }

    /// `init(path:variant:files:settings:)`; without `reusingSections` every point decodes every
    /// section (tests compare the two).
    init(path: String, variant: String?, files: ScenarioFiles, settings: CommandLineSet, reusingSections: Bool) throws(InputError) {
        sections = reusingSections ? PolicyDecoder.SectionCache() : nil
        let cached = ScenarioFiles.caching(files)
        var loader = ScenarioLoader(files: cached)
        loader.unitsCache = UnitsTableCache()
        self.loader = loader
        loaded = try loader.load(path, settings: settings)
        self.variant = variant
        self.settings = settings
        let text = String(decoding: (try? cached.data(at: path)) ?? Data(), as: UTF8.self)
        var tree = try YAMLSource.parse(text, file: path).root
        lineOffset = YAMLSource.lineBound(text)
        // Validated with the scenario (`loaded`), so every entry applies.
        tree = settings.apply(to: tree, lineOffset: lineOffset + Self.settingsGap, firstYear: loaded.scenario.horizon.firstYear).root
        var pairs = tree.mapping.map { Array($0).map { ($0.key, $0.value) } } ?? []
        if let variant {
            let items = pairs.first { $0.0.string == "variants" }?.1.sequence.map(Array.init) ?? []
            guard let item = items.first(where: { $0.mapping?["name"]?.string == variant }) else {
                let names = loaded.scenario.variants.map(\.name)
                throw InputError([Diagnostic(
                    file: path,
                    message: "--variant '\(variant)' is not a variant of the scenario\(Suggestion.hint(for: variant, in: names)); \(names.isEmpty ? "it lists none (omit --variant to sweep the scenario as written)" : "its variants are \(names.joined(separator: ", "))")")])
            }
            let overlay = VariantOverlay(firstYear: loaded.scenario.horizon.firstYear)
            for (key, value) in item.mapping?["set"]?.mapping ?? [:] {
                // The variant was validated with the scenario, so every entry applies.
                if let applied = try? overlay.apply(value, at: key.string ?? "", to: tree, mark: key.mark) { tree = applied }
            }
            pairs = tree.mapping.map { Array($0).map { ($0.key, $0.value) } } ?? []
        }
        pairs.removeAll { $0.0.string == "variants" }
        self.tree = FrozenNode(node: .mapping(Node.Mapping(pairs, tree.mapping?.tag ?? .implicit, tree.mapping?.style ?? .block, tree.mapping?.mark)))
    }

    /// The scenario with `entries` applied in order and validated, or every problem: entries a
    /// variant may not set, values of the wrong type, a result that breaks a variant
    /// restriction. Diagnostics about an entry's value point at its design-file cell.
    public func scenario(with entries: [Entry]) -> Result<Scenario, InputError> {
        var tree = self.tree.node!
        var problems: [Diagnostic] = []
        let overlay = VariantOverlay(firstYear: loaded.scenario.horizon.firstYear)
        // The top-level sections the entries change: the others are the template's (`sections`).
        var changed = Set<String>()
        for (j, entry) in entries.enumerated() {
            func problem(_ message: String) { problems.append(diagnostic(entry, message)) }
            let first = String(entry.path.split(separator: ".").first ?? "")
            changed.insert(first)
            if ScenarioKeys.fixedForVariants.contains(first) {
                problem("'\(entry.path)' cannot be swept: like a variant, a point may not change name, years, currency, unit, precision, rounding, seed, paths, units, taxSeries or variants (use --paths and --seed for the run)")
                continue
            }
            guard ScenarioKeys.topLevel.contains(first) else {
                problem("'\(entry.path)' does not exist: unknown section '\(first)'\(Suggestion.hint(for: first, in: ScenarioKeys.topLevel))")
                continue
            }
            // Behind the scenario's lines, so diagnostics on the value can be told apart (`relocate`).
            let key = "\(j)|\(entry.value)"
            let parsed = valueNodes[key]?.node ?? (try? Yams.compose(yaml: String(repeating: "\n", count: lineOffset + j) + entry.value)) ?? nil
            valueNodes[key] = FrozenNode(node: parsed)
            guard let node = parsed, case .scalar = node else {
                problem("'\(entry.value)' is not a single YAML value; write a scalar such as 0.3, 2028 or never")
                continue
            }
            do {
                tree = try overlay.apply(node, at: entry.path, to: tree, mark: node.mark)
            } catch {
                problem(error.message)
            }
        }
        guard problems.isEmpty else { return .failure(InputError(problems)) }
        let declared = loaded.scenario.districts.map(\.id)
        if ScenarioHeader.districtIDs(tree.mapping?["districts"]) != declared {
            return .failure(InputError([Diagnostic(file: loaded.path, message: "a point may not add, remove or reorder districts; the scenario declares \(declared.joined(separator: ", "))")]))
        }
        let (scenario, diagnostics) = loader.decode(
            tree: tree, path: loaded.path, reuse: sections.map { PolicyDecoder.Reuse(cache: $0, changed: changed) })
        let errors = diagnostics.filter { $0.severity == .error }.map { relocate($0, entries: entries) }
        guard let scenario, errors.isEmpty else { return .failure(InputError(errors)) }
        if scenario.feeCategories != loaded.scenario.feeCategories {
            return .failure(InputError([Diagnostic(file: loaded.path, message: "a point may not add, remove or reorder fee categories; the scenario has \(loaded.scenario.feeCategories.joined(separator: ", "))")]))
        }
        return .success(scenario)
    }

    /// A diagnostic about `entry` itself, at its design-file cell (or named by its `--grid`).
    private func diagnostic(_ entry: Entry, _ message: String) -> Diagnostic {
        if let location = entry.location {
            return Diagnostic(file: location.file, line: location.line, column: location.column, message: message)
        }
        return Diagnostic(file: "--grid \(entry.path)", message: message)
    }

    /// `diagnostic` moved to the entry whose value node it is about, if it is.
    private func relocate(_ diagnostic: Diagnostic, entries: [Entry]) -> Diagnostic {
        if let line = diagnostic.line, line > lineOffset + Self.settingsGap {
            return settings.relocate(diagnostic, lineOffset: lineOffset + Self.settingsGap)
        }
        guard let line = diagnostic.line, line > lineOffset, entries.indices.contains(line - lineOffset - 1) else { return diagnostic }
        return self.diagnostic(entries[line - lineOffset - 1], diagnostic.message)
    }
}

