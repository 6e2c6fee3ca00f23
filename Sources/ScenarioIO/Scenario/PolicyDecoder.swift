import FiscalModel
import Yams

/// Decodes the policy sections of a scenario tree (growth, roll-out, the three tools, needs,
/// district capacities) into a `Policy`, recording what it refers to for checks that need the
/// units table.
struct PolicyDecoder {
    /// A units-CSV column the policy reads, and where it is named.
    struct ColumnReference {
        var column: String
        var node: Node
        /// The key that names it, e.g. `needs.elderly.indicator`.
        var path: String
    }

    /// An allocation key and where it is written (its columns must not sum to 0 in a district).
    struct KeyReference {
        var key: AllocationKey
        var node: Node
        var path: String
    }

    let reader: NodeReader
    let districtIDs: [String]
    /// Every units-CSV column the policy reads.
    var columns: [ColumnReference] = []
    /// Unit ids named in `rollout.byUnit`.
    private(set) var unitReferences: [(id: String, node: Node)] = []
    /// Tags named in roll-out, growth and eligibility, for the "carried by no unit" warning.
    var tagReferences: [(tag: String, node: Node)] = []
    /// The waves of `rollout.waves` and where they are written (model.md §20), for the checks that
    /// need the units table.
    var waveReferences: [WaveReference] = []
    /// Unit ids named in any wave's selectors (checked even when the wave has other errors).
    var waveUnitReferences: [(wave: String, id: String, node: Node)] = []
    /// Allocation keys, for the zero-sum check.
    var keys: [KeyReference] = []
    /// The correlation matrix file, if named.
    private(set) var matrixFile: (path: String, node: Node)?
    /// Sections decoded before for a tree of the same template (`nil`: decode every section).
    let reuse: Reuse?

    init(reader: NodeReader, districtIDs: [String], reuse: Reuse? = nil) {
        self.reader = reader
        self.districtIDs = districtIDs
        self.reuse = reuse
    }

    /// Decodes the policy from the top-level `root` fields; `nil` if anything was invalid.
    mutating func decode(_ root: NodeReader.Fields) -> Policy? {
        let before = reader.diagnostics.count
        var policy = Policy(capacities: capacities(root["districts"]))
        if let node = root["growth"] { policy.taxGrowth = taxGrowth(node) }
        if let node = root["allocation"], let fields = reader.fields(node, path: "allocation", allowed: ScenarioKeys.allocation),
            let value = fields["indexation"]
        {
            policy.allocationIndexation = reader.step(value, path: "allocation.indexation", range: .growth) ?? .zero
        }
        if let node = root["collective"], let fields = reader.fields(node, path: "collective", allowed: ScenarioKeys.collective),
            let value = fields["growth"]
        {
            policy.collectiveGrowth = reader.step(value, path: "collective.growth", range: .growth) ?? .zero
        }
        if let node = root["incentive"], let fields = reader.fields(node, path: "incentive", allowed: ScenarioKeys.incentive),
            let value = fields["elasticity"]
        {
            policy.incentiveElasticity = reader.step(value, path: "incentive.elasticity", range: .any) ?? .zero
            reader.warnIfElasticityAboveOne(value)
        }
        if let node = root["restructuring"],
            let fields = reader.fields(node, path: "restructuring", allowed: ScenarioKeys.restructuring)
        {
            if let value = fields["exitRate"] {
                policy.restructuring.exitRate = reader.step(value, path: "restructuring.exitRate", range: .unitInterval) ?? .zero
            }
            if let value = fields["taxYield"] {
                policy.restructuring.taxYield = reader.step(value, path: "restructuring.taxYield", range: .nonNegative) ?? .zero
            }
        }
        if let node = root["rollout"] { policy.rollout = rollout(node) }
        if let node = root["rebate"] { policy.rebate = rebate(node) }
        if let node = root["lineFees"], case .lineFees(let fees) = reusing("lineFees", { .lineFees($0.lineFees(node)) }) {
            policy.lineFees = fees
        }
        if let node = root["donations"], case .donations(let donations) = reusing("donations", { .donations($0.donations(node)) }) {
            policy.donations = donations
        }
        if let node = root["needs"], case .needs(let needs) = reusing("needs", { .needs($0.needs(node)) }) {
            policy.needs = needs
        }
        let failed = reader.diagnostics[before...].contains { $0.severity == .error }
        return failed ? nil : policy
    }

    // MARK: Districts and growth

    private func capacities(_ node: Node?) -> [DistrictCapacity] {
        var result = Array(repeating: DistrictCapacity.unlimited, count: districtIDs.count)
        guard let node, let items = node.sequence.map(Array.init) else { return result }
        for (index, item) in items.enumerated() where index < result.count {
            guard let capacityNode = NodeReader.Fields(unchecked: item)?["capacity"] else { continue }
            let path = "districts.\(districtIDs[index]).capacity"
            guard let capacity = reader.fields(capacityNode, path: path, allowed: ScenarioKeys.capacity) else { continue }
            result[index] = DistrictCapacity(
                maxShareOfRevenue: capacity["maxShareOfRevenue"].flatMap {
                    reader.step($0, path: path + ".maxShareOfRevenue", range: .unitInterval)
                },
                maxAmount: capacity["maxAmount"].flatMap { reader.step($0, path: path + ".maxAmount", range: .nonNegative) })
        }
        return result
    }

    private mutating func taxGrowth(_ node: Node) -> TaxGrowthPolicy {
        var policy = TaxGrowthPolicy()
        guard let fields = reader.fields(node, path: "growth", allowed: ScenarioKeys.growth) else { return policy }
        if let value = fields["tax"] { policy.rate = reader.step(value, path: "growth.tax", range: .growth) ?? .zero }
        if let value = fields["byTag"], case .mapping(let mapping) = value {
            for (key, rate) in mapping {
                guard let tag = reader.text(key, path: "growth.byTag") else { continue }
                tagReferences.append((tag, key))
                policy.byTag[tag] = reader.step(rate, path: "growth.byTag.\(tag)", range: .growth)
            }
        } else if let value = fields["byTag"] {
            reader.error(value, "growth.byTag: expected a mapping from tag to growth rate, found \(NodeReader.describe(value))")
        }
        if let value = fields["volatility"] {
            policy.volatility = reader.step(value, path: "growth.volatility", range: .nonNegative) ?? .zero
        }
        if let value = fields["correlation"] { policy.correlation = correlation(value) }
        return policy
    }

    private mutating func correlation(_ node: Node) -> CorrelationStructure {
        guard let fields = reader.fields(node, path: "growth.correlation", allowed: ScenarioKeys.correlation) else {
            return .independent
        }
        if let file = fields["matrix"] {
            if fields["withinDistrict"] != nil || fields["acrossDistricts"] != nil {
                reader.error(file, "growth.correlation: a matrix file cannot be combined with withinDistrict/acrossDistricts; use one or the other")
            }
            if let path = reader.text(file, path: "growth.correlation.matrix") { matrixFile = (path, file) }
            return .independent  // replaced by the loader once the file is read
        }
        let within = fields["withinDistrict"].flatMap { reader.number($0, path: "growth.correlation.withinDistrict", range: .unitInterval) } ?? 0
        let across = fields["acrossDistricts"].flatMap { reader.number($0, path: "growth.correlation.acrossDistricts", range: .unitInterval) } ?? 0
        if within >= 1 {
            reader.error(fields["withinDistrict"], "growth.correlation.withinDistrict must be < 1; found \(within)")
        }
        if across > within {
            reader.error(fields["acrossDistricts"] ?? node, "growth.correlation: acrossDistricts (\(across)) must be ≤ withinDistrict (\(within))")
        }
        return within == 0 && across == 0 ? .independent : .twoLevel(withinDistrict: within, acrossDistricts: across)
    }

    // MARK: Roll-out

    private mutating func rollout(_ node: Node) -> RolloutPolicy {
        var policy = RolloutPolicy()
        guard let fields = reader.fields(node, path: "rollout", allowed: ScenarioKeys.rollout) else { return policy }
        if let value = fields["default"] { policy.defaultYear = adoptionYear(value, path: "rollout.default") }
        for (key, target) in [("byTag", 0), ("byUnit", 1)] {
            guard let value = fields[key] else { continue }
            guard case .mapping(let mapping) = value else {
                reader.error(value, "rollout.\(key): expected a mapping to a year or 'never', found \(NodeReader.describe(value))")
                continue
            }
            for (name, year) in mapping {
                guard let id = reader.text(name, path: "rollout.\(key)"),
                    let adoption = adoptionYear(year, path: "rollout.\(key).\(id)")
                else { continue }
                if target == 0 {
                    policy.byTag[id] = adoption
                    tagReferences.append((id, name))
                } else {
                    policy.byUnit[id] = adoption
                    unitReferences.append((id, name))
                }
            }
        }
        if let value = fields["waves"] { policy.waves = waves(value) }
        if let value = fields["pilotEffort"] {
            policy.pilotEffort = reader.step(value, path: "rollout.pilotEffort", range: .nonNegative) ?? .zero
        }
        return policy
    }

    /// A year or `never` at `node`, warning when the year is after the last projected year
    /// (`afterEnd`: what that means there; `nil`: the units never adopt within the horizon).
    func adoptionYear(_ node: Node, path: String, afterEnd: ((Int) -> String)? = nil) -> AdoptionYear? {
        if case .scalar(let scalar) = node, scalar.string == "never" { return .never }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let year = Int(scalar.string) else {
            if reader.fullWidthSyntax(node, path: path, expected: .number) { return nil }
            reader.error(node, "\(path): expected a year or 'never', found \(NodeReader.describe(node))")
            return nil
        }
        reader.warnIfAfterEnd(year, node: node, path: path, consequence: afterEnd)
        return .year(year)
    }

    // MARK: Tools

    mutating func eligibility(_ node: Node?, path: String, default value: Eligibility) -> Eligibility {
        guard let node, let fields = reader.fields(node, path: path, allowed: ScenarioKeys.eligibility) else { return value }
        var result = value
        for (key, node) in [("excludeTags", fields["excludeTags"]), ("includeTags", fields["includeTags"])] {
            guard let node, let tags = reader.texts(node, path: "\(path).\(key)") else { continue }
            tagReferences.append(contentsOf: tags.map { ($0, node) })
            if key == "excludeTags" { result.excludeTags = tags } else { result.includeTags = tags }
        }
        return result
    }

    private mutating func allocationKey(_ node: Node, path: String) -> AllocationKey? {
        guard case .mapping(let mapping) = node else {
            reader.error(node, "\(path): expected a mapping from indicator column to weight, e.g. {population: 0.6, elderly: 0.4}; found \(NodeReader.describe(node))")
            return nil
        }
        var terms: [AllocationKey.Term] = []
        for (key, value) in mapping {
            guard let column = reader.text(key, path: path),
                let weight = reader.step(value, path: "\(path).\(column)", range: .nonNegative)
            else { continue }
            terms.append(AllocationKey.Term(column: column, weight: weight))
            columns.append(ColumnReference(column: column, node: key, path: "\(path).\(column)"))
        }
        if terms.isEmpty {
            reader.error(node, "\(path): needs at least one indicator column")
            return nil
        }
        if let horizon = reader.horizon, terms.count == mapping.count {
            for year in horizon.years {
                let sum = terms.reduce(0) { $0 + $1.weight.value(in: year) }
                if abs(sum - 1) > 1e-9 {
                    reader.error(node, "\(path): weights must sum to 1; in \(year) they sum to \(NumberText.message.text(sum))")
                    break
                }
            }
        }
        let key = AllocationKey(terms: terms)
        keys.append(KeyReference(key: key, node: node, path: path))
        return key
    }

    private mutating func idList(_ node: Node, path: String, allowed: [String]) -> [(id: String, fields: NodeReader.Fields, node: Node)] {
        guard let items = reader.list(node, path: path) else { return [] }
        var seen = Set<String>()
        var result: [(String, NodeReader.Fields, Node)] = []
        for (index, item) in items.enumerated() {
            guard let fields = reader.fields(item, path: "\(path)[\(index)]", allowed: allowed),
                let idNode = reader.requireKey("id", in: fields, path: "\(path)[\(index)]"),
                let id = reader.text(idNode, path: "\(path)[\(index)].id")
            else { continue }
            if !seen.insert(id).inserted {
                reader.error(idNode, "\(path): duplicate id '\(id)'; ids must be unique")
                continue
            }
            result.append((id, fields, item))
        }
        return result
    }

    private mutating func lineFees(_ node: Node) -> [LineFeePolicy] {
        var fees: [LineFeePolicy] = []
        for (id, fields, _) in idList(node, path: "lineFees", allowed: ScenarioKeys.lineFee) {
            let path = "lineFees.\(id)"
            guard let columnNode = reader.requireKey("collectedColumn", in: fields, path: path),
                let column = reader.text(columnNode, path: path + ".collectedColumn")
            else { continue }
            columns.append(ColumnReference(column: column, node: columnNode, path: path + ".collectedColumn"))
            let growth = fields["growth"].flatMap { reader.step($0, path: path + ".growth", range: .growth) } ?? .zero
            guard let shareNode = reader.requireKey("transferShare", in: fields, path: path),
                let share = reader.step(shareNode, path: path + ".transferShare", range: .unitInterval),
                let keyNode = reader.requireKey("allocationKey", in: fields, path: path),
                let key = allocationKey(keyNode, path: path + ".allocationKey")
            else { continue }
            var task: LineFeePolicy.TaskCost?
            if let taskNode = fields["taskCost"],
                let taskFields = reader.fields(taskNode, path: path + ".taskCost", allowed: ScenarioKeys.taskCost),
                let indicatorNode = reader.requireKey("indicator", in: taskFields, path: path + ".taskCost"),
                let indicator = reader.text(indicatorNode, path: path + ".taskCost.indicator"),
                let costNode = reader.requireKey("unitCost", in: taskFields, path: path + ".taskCost"),
                let cost = reader.step(costNode, path: path + ".taskCost.unitCost", range: .nonNegative)
            {
                columns.append(ColumnReference(column: indicator, node: indicatorNode, path: path + ".taskCost.indicator"))
                let costGrowth = taskFields["growth"].flatMap { reader.step($0, path: path + ".taskCost.growth", range: .growth) } ?? .zero
                task = LineFeePolicy.TaskCost(indicator: indicator, unitCost: cost, growth: costGrowth)
            }
            var fee = LineFeePolicy(
                id: id, collectedColumn: column, growth: growth, transferShare: share, allocationKey: key, taskCost: task,
                eligibility: eligibility(fields["eligibility"], path: path + ".eligibility", default: .everyone))
            fee.title = fields["title"].flatMap { reader.text($0, path: path + ".title") }
            fees.append(fee)
        }
        return fees
    }

    private mutating func donations(_ node: Node) -> DonationPolicy? {
        guard let fields = reader.fields(node, path: "donations", allowed: ScenarioKeys.donations) else { return nil }
        let reserve = fields["reserveShare"].flatMap { reader.step($0, path: "donations.reserveShare", range: .unitInterval) } ?? .zero
        let floor = fields["minimumPerUnit"].flatMap { reader.step($0, path: "donations.minimumPerUnit", range: .nonNegative) }
        guard let keyNode = reader.requireKey("allocationKey", in: fields, path: "donations"),
            let key = allocationKey(keyNode, path: "donations.allocationKey")
        else { return nil }
        var sources: [DonationPolicy.Source] = []
        if let sourcesNode = reader.requireKey("sources", in: fields, path: "donations") {
            for (id, source, _) in idList(sourcesNode, path: "donations.sources", allowed: ScenarioKeys.source) {
                let path = "donations.sources.\(id)"
                var amounts = Array(repeating: 0.0, count: districtIDs.count)
                if let amountNode = reader.requireKey("amount", in: source, path: path) {
                    if case .mapping(let mapping) = amountNode {
                        for (districtNode, valueNode) in mapping {
                            guard let district = reader.text(districtNode, path: path + ".amount") else { continue }
                            guard let index = districtIDs.firstIndex(of: district) else {
                                reader.error(districtNode, "\(path).amount: '\(district)' is not a declared district\(Suggestion.hint(for: district, in: districtIDs)); declared: \(districtIDs.joined(separator: ", "))")
                                continue
                            }
                            amounts[index] = reader.number(valueNode, path: "\(path).amount.\(district)", range: .nonNegative) ?? 0
                        }
                    } else {
                        reader.error(amountNode, "\(path).amount: expected a mapping from district id to base-year amount, e.g. {\(districtIDs.first ?? "siming"): 800}; found \(NodeReader.describe(amountNode))")
                    }
                }
                sources.append(
                    DonationPolicy.Source(
                        id: id, amounts: amounts,
                        growth: source["growth"].flatMap { reader.step($0, path: path + ".growth", range: .growth) } ?? .zero,
                        volatility: source["volatility"].flatMap { reader.step($0, path: path + ".volatility", range: .nonNegative) } ?? .zero))
            }
        }
        return DonationPolicy(
            reserveShare: reserve, minimumPerUnit: floor, allocationKey: key, sources: sources,
            eligibility: eligibility(fields["eligibility"], path: "donations.eligibility", default: .everyone))
    }

    private mutating func needs(_ node: Node) -> [NeedItem] {
        var items: [NeedItem] = []
        for (id, fields, _) in idList(node, path: "needs", allowed: ScenarioKeys.need) {
            let path = "needs.\(id)"
            guard let indicatorNode = reader.requireKey("indicator", in: fields, path: path),
                let indicator = reader.text(indicatorNode, path: path + ".indicator"),
                let costNode = reader.requireKey("unitCost", in: fields, path: path),
                let cost = reader.step(costNode, path: path + ".unitCost", range: .nonNegative)
            else { continue }
            columns.append(ColumnReference(column: indicator, node: indicatorNode, path: path + ".indicator"))
            let growth = fields["growth"].flatMap { reader.step($0, path: path + ".growth", range: .growth) } ?? .zero
            items.append(NeedItem(id: id, indicator: indicator, unitCost: cost, growth: growth))
        }
        return items
    }
}
