import FiscalModel
import Yams

/// The keys of increment sharing (税收增量比例返还, model.md §6.1): `reference`, `rebaseEveryYears`,
/// `referenceGrowth` and `bands`.
extension PolicyDecoder {
    func incrementSharing(_ fields: NodeReader.Fields) -> IncrementSharing {
        var reference = IncrementSharing.Reference.fixed
        if let value = fields["reference"], let name = reader.text(value, path: "rebate.reference") {
            if let mode = IncrementSharing.Reference(rawValue: name) {
                reference = mode
            } else {
                let names = IncrementSharing.Reference.allCases.map(\.rawValue)
                reader.error(value, "rebate.reference: '\(name)' is not a reference mode\(Suggestion.hint(for: name, in: names)); use fixed, rolling or ratchet")
            }
        }
        let rebase = fields["rebaseEveryYears"].flatMap { reader.integer($0, path: "rebate.rebaseEveryYears", minimum: 1) }
        let growth = fields["referenceGrowth"].flatMap { reader.step($0, path: "rebate.referenceGrowth", range: .growth) }
        var bands: [IncrementSharing.Band] = []
        if let value = reader.requireKey("bands", in: fields, path: "rebate"), let items = reader.list(value, path: "rebate.bands") {
            if items.isEmpty { reader.error(value, "rebate.bands: needs at least one band, e.g. [{rate: 0.3}]") }
            for (index, item) in items.enumerated() {
                let path = "rebate.bands[\(index)]"
                guard let band = reader.fields(item, path: path, allowed: ScenarioKeys.band) else { continue }
                let isLast = index == items.count - 1
                let upTo = band["upTo"].flatMap { reader.step($0, path: path + ".upTo", range: .positive) }
                if isLast, let node = band["upTo"] {
                    reader.error(node, "\(path): the last band is open and takes no upTo; add a band {rate: …} after it")
                } else if !isLast, band["upTo"] == nil {
                    reader.error(item, "\(path): every band but the last needs upTo")
                }
                guard let rateNode = reader.requireKey("rate", in: band, path: path),
                    let rate = reader.step(rateNode, path: path + ".rate", range: .unitInterval)
                else { continue }
                bands.append(IncrementSharing.Band(upTo: isLast ? nil : upTo, rate: rate))
            }
            checkIncreasing(bands, node: value)
        }
        return IncrementSharing(reference: reference, rebaseEveryYears: rebase, referenceGrowth: growth, bands: bands)
    }

    private func checkIncreasing(_ bands: [IncrementSharing.Band], node: Node) {
        guard let horizon = reader.horizon, bands.count > 1 else { return }
        let bounds = bands.dropLast().compactMap(\.upTo)
        guard bounds.count == bands.count - 1 else { return }
        for year in horizon.years {
            let values = bounds.map { $0.value(in: year) }
            if let index = values.indices.dropLast().first(where: { values[$0] >= values[$0 + 1] }) {
                reader.error(node, "rebate.bands: upTo must increase strictly from band to band; in \(year) rebate.bands[\(index)].upTo is \(NumberText.message.text(values[index])) and rebate.bands[\(index + 1)].upTo is \(NumberText.message.text(values[index + 1]))")
                return
            }
        }
    }
}
