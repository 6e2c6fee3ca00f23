/// A swept scenario path (a lever, 政策杠杆) as a planner names it in the sweep workbook
/// (issue 21): `rebate.bands.0.rate` is "rebate rate, band 1" / 返还比例（第1档）. Paths without a
/// label are shown as written.
public enum LeverLabel {
    /// The label of `path` in `language`.
    public static func text(_ path: String, language: WorkbookLanguage) -> String {
        let parts = path.split(separator: ".").map(String.init)
        func band(_ index: String) -> Int { (Int(index) ?? 0) + 1 }
        switch parts.count {
        case 4 where parts[0] == "rebate" && parts[1] == "bands":
            let n = band(parts[2])
            switch parts[3] {
            case "rate": return language.pick("rebate rate, band \(n)", "返还比例（第\(n)档）")
            case "upTo": return language.pick("upper limit of band \(n)", "第\(n)档上限")
            default: break
            }
        case 3 where parts[0] == "lineFees" && parts[2] == "transferShare":
            return language.pick("transfer share of \(parts[1]) fees", "\(parts[1])条费下拨比例")
        default:
            if let known = fixed[path] { return language.pick(known.0, known.1) }
            if parts.first == "districts", parts.last == "maxShareOfRevenue" {
                return language.pick("capacity limit (share of revenue)", "承受能力上限（占收入比）")
            }
        }
        return path
    }

    private static let fixed: [String: (String, String)] = [
        "rebate.termYears": ("rebate term (years)", "返还年限"),
        "rebate.capPerUnit": ("rebate cap per street", "单街道返还上限"),
        "rebate.linked.baseShare": ("linked rule: base share", "挂钩返还基数比例"),
        "rebate.linked.coefficient": ("linked rule: coefficient", "挂钩返还系数"),
        "rebate.rebaseEveryYears": ("rebase every (years)", "基数重定周期（年）"),
        "donations.reserveShare": ("donation reserve share", "募集资金储备比例"),
        "rollout.default": ("roll-out year", "推开年份"),
        "growth.tax": ("tax growth", "税收增长率"),
        "incentive.elasticity": ("incentive elasticity", "激励弹性"),
        "restructuring.exitRate": ("exit rate from own enterprises", "自办经济退出比例"),
        "allocation.indexation": ("allocation indexation", "财政拨款增长率"),
    ]
}
