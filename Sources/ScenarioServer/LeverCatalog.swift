import FiscalModel
import ScenarioIO
import Yams

/// Which levers the what-if page offers for a starting variant (model.md §21): each rebate band's
/// rate and `upTo`, `reference`, `rebaseEveryYears`, `termYears`, `capPerUnit` (or the linked
/// rule's share and coefficient), each district's capacity limit, roll-out years (default, by
/// tag, by unit), each fee's transfer share, the donation reserve share and floor, incentive
/// elasticity, baseline tax growth and volatility — with the values of `tree`, the starting
/// variant's scenario tree.
///
/// The labels are `LeverLabel`'s, as in the sweep workbook (返还比例（第1档）…). §20's wave
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

    /// The lever at `path`, labelled by `LeverLabel` (the labels' one place).
    private func lever(
        _ path: String, _ group: String, _ kind: Lever.Kind, steps: Bool = true, options: [String] = []
    ) -> Lever {
        let label = LeverLabel.labels(path, scenario: scenario) ?? (path, path)
        return Lever(
            path: path, group: group, english: label.english, chinese: label.chinese, kind: kind,
            value: LeverValue(node: Self.node(at: path, in: tree)), stepFunction: steps, options: options)
    }

    private var rebateLevers: [Lever] {
        guard let rebate = tree.mapping?["rebate"] else { return [] }
        var levers: [Lever] = []
        if rebate.mapping?["rule"]?.string == "linked" {
            levers.append(lever("rebate.linked.baseShare", "rebate", .share))
            levers.append(lever("rebate.linked.coefficient", "rebate", .number))
        } else {
            let bands = rebate.mapping?["bands"]?.sequence.map(Array.init) ?? []
            for (index, band) in bands.enumerated() {
                levers.append(lever("rebate.bands.\(index).rate", "rebate", .share))
                if band.mapping?["upTo"] != nil {
                    levers.append(lever("rebate.bands.\(index).upTo", "rebate", .money))
                }
            }
            levers.append(lever("rebate.reference", "rebate", .choice, steps: false, options: ["fixed", "rolling", "ratchet"]))
            levers.append(lever("rebate.rebaseEveryYears", "rebate", .years, steps: false))
        }
        levers.append(lever("rebate.termYears", "rebate", .years, steps: false))
        levers.append(lever("rebate.capPerUnit", "rebate", .money))
        return levers
    }

    private var capacityLevers: [Lever] {
        scenario.districts.flatMap { district -> [Lever] in
            let base = "districts.\(district.id).capacity"
            var levers = [lever(base + ".maxShareOfRevenue", "districts", .share)]
            if Self.node(at: base + ".maxAmount", in: tree) != nil {
                levers.append(lever(base + ".maxAmount", "districts", .money))
            }
            return levers
        }
    }

    private var rolloutLevers: [Lever] {
        var levers = [lever("rollout.default", "rollout", .year, steps: false, options: ["never"])]
        var tags: [String] = Self.keys(at: "rollout.byTag", in: tree)
        for unit in scenario.units { for tag in unit.tags where !tags.contains(tag) { tags.append(tag) } }
        for tag in tags {
            levers.append(lever("rollout.byTag.\(tag)", "rollout", .year, steps: false, options: ["never"]))
        }
        for id in Self.keys(at: "rollout.byUnit", in: tree) {
            levers.append(lever("rollout.byUnit.\(id)", "rollout", .year, steps: false, options: ["never"]))
        }
        return levers
    }

    /// model.md §20's waves: each wave's `when` and `stopWhen` threshold (money for the reform
    /// effect, a number otherwise), its earliest year and its deadline.
    private var waveLevers: [Lever] {
        Self.ids(at: "rollout.waves", in: tree).flatMap { id -> [Lever] in
            let base = "rollout.waves.\(id)"
            var levers: [Lever] = []
            for condition in ["when", "stopWhen"] {
                guard let fields = Self.node(at: "\(base).\(condition)", in: tree)?.mapping else { continue }
                let kind: Lever.Kind = fields["metric"]?.string == "reform_effect" ? .money : .number
                for side in ["above", "below"] where fields[side] != nil {
                    levers.append(lever("\(base).\(condition).\(side)", "waves", kind))
                }
            }
            levers.append(lever("\(base).earliest", "waves", .year, steps: false))
            levers.append(lever("\(base).deadline", "waves", .year, steps: false, options: ["never"]))
            return levers
        }
    }

    private var feeLevers: [Lever] {
        scenario.feeCategories.map { id in
            lever("lineFees.\(id).transferShare", "lineFees", .share)
        }
    }

    private var donationLevers: [Lever] {
        guard tree.mapping?["donations"] != nil else { return [] }
        return [
            lever("donations.reserveShare", "donations", .share),
            lever("donations.minimumPerUnit", "donations", .money),
        ]
    }

    private var growthLevers: [Lever] {
        [
            lever("incentive.elasticity", "growth", .number),
            lever("growth.tax", "growth", .growth),
            lever("growth.volatility", "growth", .number),
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

    /// The `id`s of the list at `path` (none if it is not a list).
    static func ids(at path: String, in root: Node) -> [String] {
        guard case .sequence(let sequence)? = node(at: path, in: root) else { return [] }
        return sequence.compactMap { $0.mapping?["id"]?.string }
    }

    /// The keys of the mapping at `path` (none if it is not a mapping).
    static func keys(at path: String, in root: Node) -> [String] {
        guard case .mapping(let mapping)? = node(at: path, in: root) else { return [] }
        return mapping.compactMap { $0.key.string }
    }
}
