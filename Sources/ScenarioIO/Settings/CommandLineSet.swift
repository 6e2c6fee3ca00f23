import Yams

/// `--set PATH=VALUE` (repeatable) on `run`, `sweep`, `solve` and `serve` (model.md §22; 命令行临时
/// 改参数): settings applied to the scenario as written, exactly like a variant's `set` (dotted
/// paths, list entries by id or index, a digit segment for a step-function year, the same keys
/// fixed), so a planner tries "rate 35 %" without editing the YAML. Values are YAML (`0.35`,
/// `2028`, `never`, `{2026: 0.3, 2029: 0.35}`). The scenario's variants then apply on top.
///
/// A plain function of (scenario, entries): `ScenarioLoader.load(_:settings:)` gives the
/// validated scenario or every diagnostic; a diagnostic about an entry names `--set PATH`.
public struct CommandLineSet: Sendable, Equatable {
    /// One `PATH=VALUE`.
    public struct Entry: Sendable, Equatable {
        /// Dotted path, e.g. `rebate.bands.0.rate`.
        public var path: String
        /// The value as typed (YAML).
        public var value: String

        /// An entry.
        public init(path: String, value: String) {
            self.path = path
            self.value = value
        }
    }

    /// The entries in the order given (a later entry for the same path wins).
    public var entries: [Entry]

    /// No settings.
    public static let none = CommandLineSet(entries: [])

    /// Settings from entries.
    public init(entries: [Entry]) { self.entries = entries }

    /// Whether there is nothing to set.
    public var isEmpty: Bool { entries.isEmpty }

    /// The `--set` arguments `PATH=VALUE` (split at the first `=`), or every malformed one.
    public static func parse(_ arguments: [String]) throws(InputError) -> CommandLineSet {
        var entries: [Entry] = []
        var problems: [Diagnostic] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), argument[..<equals].contains(where: { !$0.isWhitespace }) else {
                problems.append(Diagnostic(file: "--set", message: "expected PATH=VALUE, e.g. --set rebate.bands.0.rate=0.35; found '\(argument)'"))
                continue
            }
            let path = argument[..<equals].trimmingCharacters(in: .whitespaces)
            let value = argument[argument.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                problems.append(Diagnostic(file: origin(path), message: "the value is empty; write a YAML value such as 0.35, 2028 or never"))
                continue
            }
            entries.append(Entry(path: path, value: value))
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return CommandLineSet(entries: entries)
    }

    /// What `run.json` (and `sweep.json`, `solve.json`) record: path → value as typed.
    public var record: [String: SettingValue] {
        var result: [String: SettingValue] = [:]
        for entry in entries {
            let node = (try? Yams.compose(yaml: entry.value)) ?? nil
            result[entry.path] = node.map(SettingValue.init) ?? .text(entry.value)
        }
        return result
    }

    /// The name diagnostics about an entry carry instead of a file: `--set PATH`.
    static func origin(_ path: String) -> String { "--set \(path)" }

    /// `root` with every entry applied, and the diagnostics about the entries themselves.
    ///
    /// Entry `j`'s value is parsed behind `lineOffset + j` empty lines (more than the scenario
    /// has), so every node taken from it carries a line no scenario node has; decoding
    /// diagnostics on such lines are moved back to the entry by `relocate`.
    func apply(to root: Node, lineOffset: Int, firstYear: Int) -> (root: Node, diagnostics: [Diagnostic]) {
        var tree = root
        var diagnostics: [Diagnostic] = []
        let overlay = VariantOverlay(firstYear: firstYear)
        for (j, entry) in entries.enumerated() {
            func problem(_ message: String) { diagnostics.append(Diagnostic(file: Self.origin(entry.path), message: message)) }
            let first = String(entry.path.split(separator: ".").first ?? "")
            if ScenarioKeys.fixedForVariants.contains(first) {
                problem("'\(entry.path)' cannot be set: like a variant's set, --set may not change name, years, currency, unit, precision, rounding, seed, paths, units, taxSeries, discountRate or variants (use --paths and --seed for the run, or edit the scenario)")
                continue
            }
            guard ScenarioKeys.topLevel.contains(first) else {
                problem("'\(entry.path)' does not exist: unknown section '\(first)'\(Suggestion.hint(for: first, in: ScenarioKeys.topLevel)); allowed sections: \(ScenarioKeys.topLevel.filter { !ScenarioKeys.fixedForVariants.contains($0) }.joined(separator: ", "))")
                continue
            }
            let parsed: Node?
            do {
                parsed = try Yams.compose(yaml: String(repeating: "\n", count: lineOffset + j) + entry.value)
            } catch {
                problem("'\(entry.value)' is not a YAML value; write a number (0.35), a year (2028), never, or a step function such as {2026: 0.3, 2029: 0.35} (quote it for the shell)")
                continue
            }
            guard let node = parsed else {
                problem("the value is empty; write a YAML value such as 0.35, 2028 or never")
                continue
            }
            do {
                tree = try overlay.apply(node, at: entry.path, to: tree, mark: node.mark)
            } catch {
                problem(error.message)
            }
        }
        return (tree, diagnostics)
    }

    /// `diagnostic` moved to the entry whose value node it is about, if it is (a line beyond
    /// `lineOffset`): `--set PATH: error: …`.
    func relocate(_ diagnostic: Diagnostic, lineOffset: Int) -> Diagnostic {
        guard !isEmpty, let line = diagnostic.line, line > lineOffset else { return diagnostic }
        let index = min(max(line - lineOffset - 1, 0), entries.count - 1)
        var moved = diagnostic
        moved.file = Self.origin(entries[index].path)
        moved.line = nil
        moved.column = nil
        return moved
    }
}
