import FiscalModel
import Yams

/// The scenario's fixed frame: name, years, money settings, run settings, files and districts.
/// Variants cannot change any of it (model.md §13).
struct ScenarioHeader {
    var name: String?
    var horizon: Horizon?
    var currency = "CNY"
    var moneyUnit = "万元"
    var precision = 2
    var rounding = RoundingRule.halfUp
    var seed: UInt64 = 0
    var paths = 1
    var discountRate = 0.0
    var unitsPath: (path: String, node: Node)?
    var taxSeriesPath: (path: String, node: Node)?
    var districts: [District] = []
    var districtNodes: [Node] = []

    /// Money units a scenario may declare.
    static let moneyUnits = ["万元", "元"]

    static func decode(_ fields: NodeReader.Fields, reader: NodeReader) -> ScenarioHeader {
        var header = ScenarioHeader()
        if let node = reader.requireKey("name", in: fields, path: "") {
            header.name = reader.text(node, path: "name")
            if let name = header.name, let problem = FolderName.problem(name) { reader.error(node, FolderName.scenarioMessage(problem)) }
        }
        if let node = reader.requireKey("years", in: fields, path: ""),
            let years = reader.fields(node, path: "years", allowed: ScenarioKeys.years),
            let baseNode = reader.requireKey("base", in: years, path: "years"),
            let endNode = reader.requireKey("end", in: years, path: "years"),
            let base = reader.integer(baseNode, path: "years.base", minimum: ValueLimits.years.lowerBound, maximum: ValueLimits.years.upperBound),
            let end = reader.integer(endNode, path: "years.end", minimum: ValueLimits.years.lowerBound, maximum: ValueLimits.years.upperBound)
        {
            if end < base + 1 {
                reader.error(endNode, "years.end (\(end)) must be at least years.base + 1 (\(base + 1)): the model projects the years after the base year")
            } else if end - base > ValueLimits.maximumHorizon {
                reader.error(endNode, "years.end (\(end)) is \(end - base) years after years.base; at most \(ValueLimits.maximumHorizon) projected years are supported")
            } else {
                header.horizon = Horizon(baseYear: base, endYear: end)
            }
        }
        if let node = fields["currency"], let value = reader.text(node, path: "currency") { header.currency = value }
        if let node = fields["unit"], let value = reader.text(node, path: "unit") {
            if moneyUnits.contains(value) {
                header.moneyUnit = value
            } else {
                reader.error(node, "unit: '\(value)' is not a money unit; use 万元 or 元")
            }
        }
        if let node = fields["precision"], let value = reader.integer(node, path: "precision", minimum: 0, maximum: 10) {
            header.precision = value
        }
        if let node = fields["rounding"], let value = reader.text(node, path: "rounding") {
            if let rule = RoundingRule(rawValue: value) {
                header.rounding = rule
            } else {
                reader.error(node, "rounding: '\(value)' is not a rounding rule\(Suggestion.hint(for: value, in: RoundingRule.allCases.map(\.rawValue))); use half-up or half-even")
            }
        }
        if let node = fields["seed"], let value = reader.integer(node, path: "seed", minimum: 0, maximum: Int.max) { header.seed = UInt64(value) }
        if let node = fields["paths"], let value = reader.integer(node, path: "paths", minimum: 1) { header.paths = value }
        if let node = fields["discountRate"], let value = BriefDiscountRate.decode(node, reader: reader) { header.discountRate = value }
        if let node = reader.requireKey("units", in: fields, path: ""), let value = reader.text(node, path: "units") {
            header.unitsPath = (value, node)
        }
        if let node = fields["taxSeries"], let value = reader.text(node, path: "taxSeries") { header.taxSeriesPath = (value, node) }
        if let node = reader.requireKey("districts", in: fields, path: ""), let items = reader.list(node, path: "districts") {
            if items.isEmpty { reader.error(node, "districts: declare at least one district, e.g. [{id: siming, name: 思明区}]") }
            for (index, item) in items.enumerated() {
                let path = "districts[\(index)]"
                guard let district = reader.fields(item, path: path, allowed: ScenarioKeys.district),
                    let idNode = reader.requireKey("id", in: district, path: path),
                    let id = reader.text(idNode, path: path + ".id")
                else { continue }
                if id == "all" {
                    // model.md §15.1: `all` names the whole-scenario row of sweep.csv.
                    reader.error(idNode, "\(path).id: the district id 'all' is reserved (the total row of a sweep); choose another id")
                    continue
                }
                if header.districts.contains(where: { $0.id == id }) {
                    reader.error(idNode, "districts: duplicate id '\(id)'; district ids must be unique")
                    continue
                }
                let name = district["name"].flatMap { reader.text($0, path: path + ".name") } ?? id
                header.districts.append(District(id: id, name: name))
                header.districtNodes.append(item)
            }
        }
        return header
    }

    /// District ids of a (possibly variant-modified) `districts` list, for the "no add, remove
    /// or reorder" check.
    static func districtIDs(_ node: Node?) -> [String] {
        guard case .sequence(let items)? = node else { return [] }
        return items.map { $0.mapping?["id"]?.string ?? "" }
    }
}
