import FiscalModel

/// The checks of `rollout.waves` that need the units table (model.md §20): unit ids the selectors
/// name, waves without members or evidence units, and a unit that two waves claim.
extension ScenarioLoader {
    func checkWaves(
        _ decoder: PolicyDecoder, units: [FiscalUnit], districtIDs: [String], reader: NodeReader, reported: inout Set<String>
    ) {
        let ids = units.map(\.id)
        var unknown = false
        for (wave, id, node) in decoder.waveUnitReferences where !ids.contains(id) {
            unknown = true
            if reported.insert("wu:\(id)|\(node.mark?.line ?? 0)|\(node.mark?.column ?? 0)").inserted {
                reader.error(node, "rollout.waves.\(wave): '\(id)' is not a unit of the units file\(Suggestion.hint(for: id, in: ids))")
            }
        }
        let references = decoder.waveReferences
        guard !references.isEmpty, !unknown else { return }
        var rollout = RolloutPolicy()
        rollout.waves = references.map(\.wave)
        rollout.byUnit = Dictionary(uniqueKeysWithValues: decoder.unitReferences.map { ($0.id, AdoptionYear.never) })
        let memberships = WavePlan.memberships(of: rollout, units: units, districtIDs: districtIDs)
        var claimedBy: [Int: String] = [:]
        for (reference, members) in zip(references, memberships) {
            let id = reference.wave.id
            if members.isEmpty {
                reader.error(reference.membersNode, "rollout.waves.\(id).members: the wave has no members (units it selects that are neither in its evidence nor in rollout.byUnit); select at least one unit")
            }
            if reference.wave.evidence.matches(units: units, districtIDs: districtIDs).isEmpty {
                reader.error(reference.evidenceNode, "rollout.waves.\(id).evidence: no unit matches; the wave needs pilots to watch, e.g. {tags: [pilot]}")
            }
            for i in members {
                if let other = claimedBy[i] {
                    reader.error(reference.membersNode, "rollout.waves: unit '\(units[i].id)' is a member of both waves '\(other)' and '\(id)'; a unit belongs to one wave (name it in rollout.byUnit or narrow one selector)")
                } else {
                    claimedBy[i] = id
                }
            }
        }
    }
}
