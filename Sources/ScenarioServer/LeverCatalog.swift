import FiscalModel
import Yams

/// Which levers the what-if page offers for a starting variant (SPEC §21): each rebate band's
/// rate and `upTo`, `reference`, `rebaseEveryYears`, `termYears`, `capPerUnit` (or the linked
/// rule's share and coefficient), each district's capacity limit, roll-out years (default, by
/// tag, by unit), each fee's transfer share, the donation reserve share and floor, incentive
/// elasticity, baseline tax growth and volatility — with the values of `tree`, the starting
/// variant's scenario tree.
///
/// The labels follow the sweep workbook's lever labels (返还比例（第1档）…). §20's wave
/// thresholds join here when the evidence-gated roll-out is in the model (`waveLevers`).
struct LeverCatalog {
    /// The starting variant's scenario tree (variants dropped).
    let tree: Node
    /// The validated scenario (unit tags, district names).
    let scenario: Scenario

    /// Every lever, in the page's order.
    var levers: [Lever] {
        rebateLevers + capacityLevers + rolloutLevers + waveLevers + feeLevers + donationLevers + growthLevers
    }

    private func lever(
        _ path: String, _ group: String, _ english: String, _ chinese: String, _ kind: Lever.Kind,
        steps: Bool = true, options: [String] = []
    ) -> Lever {
        Lever(
            path: path, group: group, english: english, chinese: chinese, kind: kind,
            value: LeverValue(node: Self.node(at: path, in: tree)), stepFunction: steps, options: options)
    }

    private var rebateLevers: [Lever] {
        guard let rebate = tree.mapping?["rebate"] else { return [] }
        var levers: [Lever] = []
        if rebate.mapping?["rule"]?.string == "linked" {
            levers.append(lever("rebate.linked.baseShare", "rebate", "linked rule: base share", "挂钩返还基数比例", .share))
            levers.append(lever("rebate.linked.coefficient", "rebate", "linked rule: coefficient", "挂钩返还系数", .number))
        } else {
            let bands = rebate.mapping?["bands"]?.sequence.map(Array.init) ?? []
            for (index, band) in bands.enumerated() {
                let n = index + 1
                levers.append(lever("rebate.bands.\(index).rate", "rebate", "rebate rate, band \(n)", "返还比例（第\(n)档）", .share))
                if band.mapping?["upTo"] != nil {
                    levers.append(lever("rebate.bands.\(index).upTo", "rebate", "upper limit of band \(n)", "第\(n)档上限", .money))
                }
            }
            levers.append(lever("rebate.reference", "rebate", "reference (基数)", "基数方式", .choice, steps: false, options: ["fixed", "rolling", "ratchet"]))
            levers.append(lever("rebate.rebaseEveryYears", "rebate", "rebase every (years)", "基数重定周期（年）", .years, steps: false))
        }
        levers.append(lever("rebate.termYears", "rebate", "rebate term (years)", "返还年限", .years, steps: false))
        levers.append(lever("rebate.capPerUnit", "rebate", "rebate cap per street", "单街道返还上限", .money))
        return levers
    }

    private var capacityLevers: [Lever] {
        scenario.districts.flatMap { district -> [Lever] in
            let base = "districts.\(district.id).capacity"
            var levers = [lever(base + ".maxShareOfRevenue", "districts", "capacity limit of \(district.name) (share of revenue)", "\(district.name)承受能力上限（占收入比）", .share)]
            if Self.node(at: base + ".maxAmount", in: tree) != nil {
                levers.append(lever(base + ".maxAmount", "districts", "capacity limit of \(district.name) (amount)", "\(district.name)承受能力上限（金额）", .money))
            }
            return levers
        }
    }

    private var rolloutLevers: [Lever] {
        var levers = [lever("rollout.default", "rollout", "roll-out year", "推开年份", .year, steps: false, options: ["never"])]
        var tags: [String] = Self.keys(at: "rollout.byTag", in: tree)
        for unit in scenario.units { for tag in unit.tags where !tags.contains(tag) { tags.append(tag) } }
        for tag in tags {
            levers.append(lever("rollout.byTag.\(tag)", "rollout", "roll-out year of streets tagged \(tag)", "\(tag)街道实施年份", .year, steps: false, options: ["never"]))
        }
        for id in Self.keys(at: "rollout.byUnit", in: tree) {
            let name = scenario.units.first { $0.id == id }?.name ?? id
            levers.append(lever("rollout.byUnit.\(id)", "rollout", "roll-out year of \(name)", "\(name)实施年份", .year, steps: false, options: ["never"]))
        }
        return levers
    }

    /// SPEC §20's wave thresholds, once the evidence-gated roll-out is in the scenario model.
    private var waveLevers: [Lever] { [] }

    private var feeLevers: [Lever] {
        scenario.feeCategories.map { id in
            lever("lineFees.\(id).transferShare", "lineFees", "transfer share of \(id) fees", "\(id)条费下拨比例", .share)
        }
    }

    private var donationLevers: [Lever] {
        guard tree.mapping?["donations"] != nil else { return [] }
        return [
            lever("donations.reserveShare", "donations", "donation reserve share", "募集资金储备比例", .share),
            lever("donations.minimumPerUnit", "donations", "donation floor per street", "募集资金保底（每街道）", .money),
        ]
    }

    private var growthLevers: [Lever] {
        [
            lever("incentive.elasticity", "growth", "incentive elasticity", "激励弹性", .number),
            lever("growth.tax", "growth", "tax growth", "税收增长率", .growth),
            lever("growth.volatility", "growth", "tax growth volatility (Monte Carlo)", "税收增长波动率（蒙特卡洛）", .number),
        ]
    }

    /// The node at the dotted `path` of `root`: mapping keys, list entries by `id` or index.
    static func node(at path: String, in root: Node) -> Node? {
        var node: Node? = root
        for segment in path.split(separator: ".").map(String.init) {
            switch node {
            case .mapping(let mapping)?:
                node = mapping.first { $0.key.string == segment }?.value
            case .sequence(let sequence)?:
                node = sequence.first { $0.mapping?["id"]?.string == segment }
                    ?? Int(segment).flatMap { sequence.indices.contains($0) ? sequence[$0] : nil }
            default:
                return nil
            }
        }
        return node
    }

    /// The keys of the mapping at `path` (none if it is not a mapping).
    static func keys(at path: String, in root: Node) -> [String] {
        guard case .mapping(let mapping)? = node(at: path, in: root) else { return [] }
        return mapping.compactMap { $0.key.string }
    }
}
