import FiscalModel
import Yams

/// The keys of the linked rule (挂钩返还, model.md §14): `rebate.linked` with `baseShare` and
/// `coefficient`.
extension PolicyDecoder {
    func linkedRebate(_ fields: NodeReader.Fields) -> LinkedRebate? {
        guard let value = reader.requireKey("linked", in: fields, path: "rebate"),
            let linked = reader.fields(value, path: "rebate.linked", allowed: ScenarioKeys.linkedRule)
        else { return nil }
        let share = reader.requireKey("baseShare", in: linked, path: "rebate.linked")
            .flatMap { reader.step($0, path: "rebate.linked.baseShare", range: .unitInterval) }
        let coefficient = reader.requireKey("coefficient", in: linked, path: "rebate.linked")
            .flatMap { reader.step($0, path: "rebate.linked.coefficient", range: .nonNegative) }
        guard let share, let coefficient else { return nil }
        return LinkedRebate(baseShare: share, coefficient: coefficient)
    }
}
