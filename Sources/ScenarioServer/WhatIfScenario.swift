import Foundation
import Yams

/// The served scenario file with the page's changes as one more variant (model.md §21): the text of
/// "Save scenario", and what every run, download and range view of the page loads — so the page's
/// numbers are `fiscal-sim run` of this file. The variant's `set` is the starting variant's
/// entries followed by the changes (a change of a path the starting variant sets replaces it).
/// The file's own text, comments included, is kept: the variant is added at the end of its
/// `variants` list (or as a new `variants` list at the end).
struct WhatIfScenario: Sendable {
    /// One changed lever: its point path and value.
    struct Change: Sendable, Equatable {
        /// The point path (model.md §15).
        var path: String
        /// The new value.
        var value: LeverValue
    }

    /// The name the added variant gets unless the scenario already uses it.
    static let baseName = "what-if"

    /// The scenario text with the variant.
    let text: String
    /// The added variant's name.
    let variantName: String
    /// The `set` entry (its path) written on each 1-based line, to name a lever in an error.
    let entryLines: [Int: String]

    /// `original` with the variant that starts from `startSet` (the starting variant's `set`,
    /// `nil` for `reform`) and applies `changes`; `names` are the scenario's variant names.
    init(original: String, names: [String], startSet: Node?, changes: [Change]) {
        var name = Self.baseName
        var suffix = 2
        while names.contains(name) {
            name = "\(Self.baseName)-\(suffix)"
            suffix += 1
        }
        variantName = name
        var entries: [(key: String, path: String, value: String)] = []
        for (key, value) in startSet?.mapping ?? [:] {
            entries.append((YAMLFlowText.node(key), key.string ?? "", YAMLFlowText.node(value)))
        }
        for change in changes {
            let value = YAMLFlowText.value(change.value)
            if let index = entries.firstIndex(where: { $0.path == change.path }) {
                entries[index].value = value
            } else {
                entries.append((YAMLFlowText.scalar(change.path), change.path, value))
            }
        }
        let newline = original.contains("\r\n") ? "\r\n" : "\n"
        var lines = original.components(separatedBy: newline)
        if lines.last == "" { lines.removeLast() }
        var point = Self.insertionPoint(lines)
        if point == nil, !Self.hasVariantsKey(lines) {
            if lines.last.map({ !$0.isEmpty }) ?? false { lines.append("") }
            lines.append("variants:")
            point = (lines.count, "  ")
        }
        let indent = point?.indent ?? "  "
        var item = ["\(indent)- name: \(YAMLFlowText.scalar(name))", entries.isEmpty ? "\(indent)  set: {}" : "\(indent)  set:"]
        var entryLines: [Int: String] = [:]
        for entry in entries {
            item.append("\(indent)    \(entry.key): \(entry.value)")
            entryLines[(point?.line ?? 0) + item.count] = entry.path
        }
        guard let point else {
            // `variants:` written in flow style: the tree is rebuilt (comments are lost).
            self.entryLines = [:]
            text = Self.rebuilt(original, item: item.joined(separator: "\n"))
            return
        }
        lines.insert(contentsOf: item, at: point.line)
        self.entryLines = entryLines
        text = lines.joined(separator: newline) + newline
    }

    /// `original` parsed, the item appended to its `variants` and written again by Yams.
    private static func rebuilt(_ original: String, item: String) -> String {
        guard case .mapping(var root)? = try? Yams.compose(yaml: original),
            let parsed = try? Yams.compose(yaml: item), case .sequence(let added) = parsed
        else { return original }
        var list = root["variants"].flatMap { node -> [Node]? in node.sequence.map(Array.init) } ?? []
        list.append(contentsOf: added)
        root["variants"] = .sequence(Node.Sequence(list))
        return (try? Yams.serialize(node: .mapping(root), allowUnicode: true)) ?? original
    }

    private static func hasVariantsKey(_ lines: [String]) -> Bool {
        lines.contains { $0.range(of: #"^variants[ \t]*:"#, options: .regularExpression) != nil }
    }

    /// Where the new item goes (0-based line index) and the indentation of the list's items:
    /// after the last item line of a block `variants:` list (`nil` when there is none).
    private static func insertionPoint(_ lines: [String]) -> (line: Int, indent: String)? {
        guard let key = lines.firstIndex(where: { $0.range(of: #"^variants[ \t]*:[ \t]*(#.*)?$"#, options: .regularExpression) != nil })
        else { return nil }
        var last = key
        var indent: String?
        var index = key + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let first = line.first, first != " ", first != "\t", first != "#", first != "-" { break }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                last = index
                if indent == nil, trimmed.hasPrefix("-") { indent = String(line.prefix { $0 == " " }) }
            }
            index += 1
        }
        return (last + 1, indent ?? "  ")
    }
}
