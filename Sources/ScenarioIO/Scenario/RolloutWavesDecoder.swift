import FiscalModel
import Yams

/// A wave as decoded, with the nodes the checks against the units table point at.
struct WaveReference {
    /// The decoded wave.
    var wave: Wave
    /// The wave's entry in `rollout.waves`.
    var node: Node
    /// `members` and `evidence`.
    var membersNode: Node
    var evidenceNode: Node
}

/// Decodes `rollout.waves` (model.md §20): ids, selectors, years, lag and windows, conditions and
/// `after`, reporting every mistake §20 names at its FILE:LINE:COLUMN.
extension PolicyDecoder {
    mutating func waves(_ node: Node) -> [Wave] {
        guard let items = reader.list(node, path: "rollout.waves") else { return [] }
        var result: [Wave] = []
        var ids: [String] = []
        for (index, item) in items.enumerated() {
            let path = "rollout.waves[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: ScenarioKeys.wave),
                let idNode = reader.requireKey("id", in: fields, path: path),
                let id = reader.text(idNode, path: path + ".id")
            else { continue }
            if ids.contains(id) {
                reader.error(idNode, "rollout.waves: duplicate wave id '\(id)'; every wave needs its own id")
                continue
            }
            ids.append(id)
            if let wave = wave(id: id, fields: fields, item: item, earlier: ids.dropLast()) { result.append(wave) }
        }
        return result
    }

    private mutating func wave(id: String, fields: NodeReader.Fields, item: Node, earlier: ArraySlice<String>) -> Wave? {
        let path = "rollout.waves.\(id)"
        let before = reader.diagnostics.count
        var unitNodes: [(String, Node)] = []
        defer { waveUnitReferences += unitNodes.map { (id, $0.0, $0.1) } }
        let membersNode = reader.requireKey("members", in: fields, path: path)
        let evidenceNode = reader.requireKey("evidence", in: fields, path: path)
        let members = membersNode.flatMap { selector($0, path: path + ".members", units: &unitNodes) }
        let evidence = evidenceNode.flatMap { selector($0, path: path + ".evidence", units: &unitNodes) }
        let earliest = fields["earliest"].flatMap { node in
            reader.integer(node, path: path + ".earliest").map { year in
                reader.warnIfAfterEnd(year, node: node, path: path + ".earliest") { end in
                    "so the wave never decides and its members never adopt through it within the horizon; write a year up to \(end), or remove the wave if that is meant"
                }
                return year
            }
        }
        var deadline: Int?
        let deadlineAfterEnd = { (end: Int) in
            "so it never forces the wave within the horizon (the wave adopts only if its when-condition holds); write never if that is meant, or a year up to \(end)"
        }
        if let node = fields["deadline"], case .year(let year)? = adoptionYear(node, path: path + ".deadline", afterEnd: deadlineAfterEnd) {
            deadline = year
        }
        let lag = fields["lag"].flatMap { reader.integer($0, path: path + ".lag", minimum: 1) } ?? 1
        let window = fields["window"].flatMap { reader.integer($0, path: path + ".window", minimum: 1) } ?? 1
        let when = reader.requireKey("when", in: fields, path: path).flatMap { condition($0, path: path + ".when") }
        let stopWhen = fields["stopWhen"].flatMap { condition($0, path: path + ".stopWhen") }
        var after: String?
        if let node = fields["after"], let name = reader.text(node, path: path + ".after") {
            if name == id {
                reader.error(node, "\(path).after: a wave cannot follow itself; name an earlier wave\(earlierList(earlier))")
            } else if !earlier.contains(name) {
                reader.error(node, "\(path).after: '\(name)' is not a wave listed before '\(id)'\(Suggestion.hint(for: name, in: Array(earlier))); `after` names an earlier wave\(earlierList(earlier))")
            } else {
                after = name
            }
        }
        if let horizon = reader.horizon, let deadline, let node = fields["deadline"] {
            let first = max(earliest ?? horizon.firstYear, horizon.firstYear)
            if max(deadline, horizon.firstYear) < first {
                reader.error(node, "\(path).deadline \(deadline) is before earliest \(first); the deadline must be on or after earliest (or never)")
            }
        }
        guard reader.diagnostics[before...].allSatisfy({ $0.severity != .error }), let members, let evidence, let when,
            let membersNode, let evidenceNode
        else { return nil }
        let wave = Wave(
            id: id, members: members, evidence: evidence, earliest: earliest, deadline: deadline, lag: lag, window: window,
            when: when, stopWhen: stopWhen, after: after)
        waveReferences.append(
            WaveReference(wave: wave, node: item, membersNode: membersNode, evidenceNode: evidenceNode))
        return wave
    }

    private func earlierList(_ earlier: ArraySlice<String>) -> String {
        earlier.isEmpty ? " (none is listed before it)" : " (listed before it: \(earlier.joined(separator: ", ")))"
    }

    /// `{tags, units, districts}`; district ids are checked here, unit ids against the table.
    private mutating func selector(_ node: Node, path: String, units: inout [(String, Node)]) -> UnitSelector? {
        guard let fields = reader.fields(node, path: path, allowed: ScenarioKeys.selector) else { return nil }
        var selector = UnitSelector()
        if let value = fields["tags"], let tags = reader.texts(value, path: path + ".tags") {
            selector.tags = tags
            tagReferences.append(contentsOf: tags.map { ($0, value) })
        }
        if let value = fields["units"], let ids = reader.texts(value, path: path + ".units") {
            selector.units = ids
            let items = value.sequence.map(Array.init) ?? []
            units.append(contentsOf: zip(ids, items).map { ($0, $1) })
        }
        if let value = fields["districts"], let ids = reader.texts(value, path: path + ".districts") {
            let items = value.sequence.map(Array.init) ?? []
            for (id, item) in zip(ids, items) where !districtIDs.contains(id) {
                reader.error(item, "\(path).districts: '\(id)' is not a declared district\(Suggestion.hint(for: id, in: districtIDs)); declared: \(districtIDs.joined(separator: ", "))")
            }
            selector.districts = ids
        }
        if fields.entries.isEmpty {
            reader.error(node, "\(path): name the units by tags, units or districts, e.g. {tags: [pilot]}")
            return nil
        }
        return selector
    }

    /// `{metric, above | below, window}`.
    private func condition(_ node: Node, path: String) -> WaveCondition? {
        guard let fields = reader.fields(node, path: path, allowed: ScenarioKeys.waveCondition) else { return nil }
        var metric: WaveMetric?
        if let value = reader.requireKey("metric", in: fields, path: path), let name = reader.text(value, path: path + ".metric") {
            metric = WaveMetric(rawValue: name)
            if metric == nil {
                let names = WaveMetric.allCases.map(\.rawValue)
                reader.error(value, "\(path).metric: '\(name)' is not a wave metric\(Suggestion.hint(for: name, in: names)); use one of \(names.joined(separator: ", "))")
            }
        }
        let above = fields["above"], below = fields["below"]
        var direction: WaveCondition.Direction?
        var threshold: StepFunction?
        switch (above, below) {
        case (let node?, nil):
            direction = .above
            threshold = reader.step(node, path: path + ".above", range: .any)
        case (nil, let node?):
            direction = .below
            threshold = reader.step(node, path: path + ".below", range: .any)
        case (_?, let node?):
            reader.error(node, "\(path): give either above or below, not both (above: x holds when the metric is ≥ x, below: x when it is ≤ x)")
        case (nil, nil):
            reader.error(node, "\(path): missing the threshold; add above: x (metric ≥ x) or below: x (metric ≤ x)")
        }
        let window = fields["window"].flatMap { reader.integer($0, path: path + ".window", minimum: 1) }
        guard let metric, let direction, let threshold else { return nil }
        return WaveCondition(metric: metric, direction: direction, threshold: threshold, window: window)
    }
}
