import FiscalModel

/// A scenario path a planner moves (a lever, 政策杠杆) as a person reads it — in the sweep
/// workbook's charts and headers and on the what-if page (issues 20, 21): `rebate.bands.0.rate`
/// is "rebate rate, band 1" / 返还比例（第1档）. The one place of these labels. With a scenario,
/// districts and streets are named by their `name:`; paths without a label are shown as written.
public enum LeverLabel {
    /// The label of `path` in `language`; districts and streets of `scenario` by name.
    public static func text(_ path: String, language: WorkbookLanguage, scenario: Scenario? = nil) -> String {
        guard let (english, chinese) = labels(path, scenario: scenario) else { return path }
        return language.pick(english, chinese)
    }

    /// The English and Chinese labels of `path`, or `nil` for a path without one.
    public static func labels(_ path: String, scenario: Scenario? = nil) -> (english: String, chinese: String)? {
        let parts = path.split(separator: ".").map(String.init)
        if let known = fixed[path] { return known }
        switch parts.count {
        case 4 where parts[0] == "rebate" && parts[1] == "bands":
            let n = (Int(parts[2]) ?? 0) + 1
            switch parts[3] {
            case "rate": return ("rebate rate, band \(n)", "返还比例（第\(n)档）")
            case "upTo": return ("upper limit of band \(n)", "第\(n)档上限")
            default: return nil
            }
        case 3 where parts[0] == "lineFees" && parts[2] == "transferShare":
            let fee = scenario?.reform.lineFees.first { $0.id == parts[1] }?.title ?? parts[1]
            return ("transfer share of \(fee) fees", "\(fee)条费下拨比例")
        case 3 where parts[0] == "rollout" && parts[1] == "byTag":
            return ("roll-out year of streets tagged \(parts[2])", "\(parts[2])街道实施年份")
        case 3 where parts[0] == "rollout" && parts[1] == "byUnit":
            let name = scenario?.units.first { $0.id == parts[2] }?.name ?? parts[2]
            return ("roll-out year of \(name)", "\(name)实施年份")
        case 4 where parts[0] == "rollout" && parts[1] == "waves":
            switch parts[3] {
            case "earliest": return ("earliest year of wave \(parts[2])", "推开批次 \(parts[2]) 最早年份")
            case "deadline": return ("deadline of wave \(parts[2])", "推开批次 \(parts[2]) 截止年份")
            default: return nil
            }
        case 5 where parts[0] == "rollout" && parts[1] == "waves" && ["when", "stopWhen"].contains(parts[3]):
            let bound = parts[4] == "above" ? ("at least", "不低于") : ("at most", "不高于")
            return parts[3] == "when"
                ? ("wave \(parts[2]) expands when the evidence is \(bound.0)", "推开批次 \(parts[2]) 推开条件：证据\(bound.1)")
                : ("wave \(parts[2]) is abandoned when the evidence is \(bound.0)", "推开批次 \(parts[2]) 放弃条件：证据\(bound.1)")
        case 4 where parts[0] == "districts" && parts[2] == "capacity":
            let name = scenario?.districts.first { $0.id == parts[1] }?.name
            let (of, 的) = name.map { (" of \($0)", $0) } ?? ("", "")
            switch parts[3] {
            case "maxShareOfRevenue": return ("capacity limit\(of) (share of revenue)", "\(的)承受能力上限（占收入比）")
            case "maxAmount": return ("capacity limit\(of) (amount)", "\(的)承受能力上限（金额）")
            default: return nil
            }
        default:
            return nil
        }
    }

    private static let fixed: [String: (english: String, chinese: String)] = [
        "rebate.termYears": ("rebate term (years)", "返还年限"),
        "rebate.capPerUnit": ("rebate cap per street", "单街道返还上限"),
        "rebate.reference": ("reference (基数)", "基数方式"),
        "rebate.linked.baseShare": ("linked rule: base share", "挂钩返还基数比例"),
        "rebate.linked.coefficient": ("linked rule: coefficient", "挂钩返还系数"),
        "rebate.rebaseEveryYears": ("rebase every (years)", "基数重定周期（年）"),
        "donations.reserveShare": ("donation reserve share", "募集资金储备比例"),
        "donations.minimumPerUnit": ("donation floor per street", "募集资金保底（每街道）"),
        "rollout.default": ("roll-out year", "推开年份"),
        "growth.tax": ("tax growth", "税收增长率"),
        "growth.volatility": ("tax growth volatility (Monte Carlo)", "税收增长波动率（蒙特卡洛）"),
        "incentive.elasticity": ("incentive elasticity", "激励弹性"),
        "restructuring.exitRate": ("exit rate from own enterprises", "自办经济退出比例"),
        "allocation.indexation": ("allocation indexation", "财政拨款增长率"),
    ]
}
