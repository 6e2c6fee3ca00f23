import FiscalModel

/// The sections of `explain` after the rebate (财力构成): allocation and collective income, each
/// line fee, pooled donations, need, and resources and gap, in the explanation's language.
extension ExplainContext {
    func incomeSection() -> Explanation.Section {
        let allocationIndex = policy.allocationIndexation.growthIndex(over: scenario.horizon)[y]
        let collectiveIndex = policy.collectiveGrowth.growthIndex(over: scenario.horizon)[y]
        let allocation = "A(\(say("base", "基年"))) \(money.text(base.allocation)) × Π(1 + \(say("indexation", "指数化率"))) \(number(allocationIndex))"
        let collective = "K(\(say("base", "基年"))) \(money.text(base.collectiveIncome)) × Π(1 + \(say("growth", "增长率"))) \(number(collectiveIndex))"
        return Explanation.Section(
            title: say("Allocation and collective income 财政下拨经费、集体经济", "财政下拨经费、集体经济收入"),
            lines: [
                Explanation.Line(say("allocation A = ", "财政拨款 A = ") + allocation, value: money.text(row.allocation), cell: .unit("allocation")),
                Explanation.Line(say("collective income K = ", "集体经济收入 K = ") + collective, value: money.text(row.collectiveIncome), cell: .unit("collective_income")),
            ])
    }

    func feeSection(_ k: Int) -> Explanation.Section {
        let fee = compiled.fees[k]
        let D = compiled.districtCount
        let collected = fee.collection[y * D + d]
        let share = fee.transferShare[y]
        let s = fee.shares[y * n + i]
        let parts = pools.fees(k, d, y)
        let district = scenario.districts[d].name
        var lines = [
            Explanation.Line(say("district collection C (\(district))", "区级征收 C（\(district)）"), value: money.text(collected), cell: .district("fees_collected_\(fee.id)")),
            Explanation.Line(say(
                "transfer share τ = \(number(share)); the unit's allocation-key share s = \(number(s))",
                "下拨比例 τ = \(number(share))；该街道的分配系数占比 s = \(number(s))")),
        ]
        if row.adopted && compiled.feeEligible[k][i] {
            let formula = "F = τ × C × s = \(number(share)) × \(money.text(collected)) × \(number(s)) ≈ \(number(share * collected * s))"
            lines.append(Explanation.Line(
                formula + say(", rounded within the district's pool (largest remainder)", "，在区内资金池中按最大余额法取整"),
                value: parts[pools.slot[i]].text, cell: .unit("fee_\(fee.id)")))
        } else {
            let why = row.adopted ? say("not eligible (\(fee.id) eligibility)", "不符合条件（\(fee.id) 的 eligibility）") : say("not adopted", "未实施")
            lines.append(Explanation.Line(
                say("F = 0: \(why); the share stays with the line department", "F = 0：\(why)；该份额留在条线部门"),
                value: parts[pools.slot[i]].text, cell: .unit("fee_\(fee.id)")))
        }
        lines.append(Explanation.Line(
            say("retained by the line department in the district", "区内条线部门留存"), value: parts.last!.text, cell: .district("fees_retained_\(fee.id)")))
        if let task = policy.lineFees[k].taskCost {
            let cost = task.unitCost.value(in: year)
            let index = task.growth.growthIndex(over: scenario.horizon)[y]
            let takesPart = row.adopted && compiled.feeEligible[k][i]
            let inputs = "\(number(cost)) × \(task.indicator) \(number(base.indicator(task.indicator))) × Π(1 + \(say("growth", "增长率"))) \(number(index))"
            let text = takesPart
                ? say("task cost Q = unit cost ", "任务成本 Q = 单位成本 ") + inputs
                : say("task cost Q = 0: the unit does not take the task on", "任务成本 Q = 0：该街道不承接此项任务")
            lines.append(Explanation.Line(text, value: money.text(row.taskCosts[k]), cell: .unit("task_cost_\(fee.id)")))
            lines.append(Explanation.Line(
                say("coverage F / Q (费随事转; empty when Q = 0)", "覆盖率 F / Q（费随事转；Q = 0 时为空）"),
                value: row.coverage(k).map(ratio.text) ?? "", cell: .unit("coverage_\(fee.id)")))
        }
        let title = scenario.feeTitles[fee.id] ?? fee.id
        return Explanation.Section(title: say("Line fee '\(fee.id)' 条费转块", "条费转块：\(title)"), lines: lines)
    }

    func donationSection() -> Explanation.Section {
        let title = say("Pooled donations 社会募集资金切块下拨", "社会募集资金切块下拨")
        let parts = pools.donations(d, y)
        let received = say("donations received", "获得募集资金")
        guard let donations = compiled.donations else {
            return Explanation.Section(
                title: title,
                lines: [
                    Explanation.Line(say("the scenario has no donations section", "情景未设 donations 部分")),
                    Explanation.Line(received, value: parts[pools.slot[i]].text, cell: .unit("donations")),
                ])
        }
        let members = compiled.unitsByDistrict[d]
        let receivers = members.filter { variant.units[$0][y].adopted && compiled.donationEligible[$0] }
        let pooled = districtRow.donationsPooled
        let reserve = "ψ × D = \(number(compiled.isCounterfactual ? 0 : donations.reserveShare[y])) × D"
        var lines = [
            Explanation.Line(say("district pool D (sum of the sources)", "区级资金池 D（各来源之和）"), value: money.text(pooled), cell: .district("donations_pooled")),
            Explanation.Line(say("reserve ", "储备 ") + reserve, value: parts[members.count + 1].text, cell: .district("donations_reserve")),
        ]
        let s = donations.shares[y * n + i]
        if receivers.contains(i) {
            lines.append(Explanation.Line(say(
                "\(receivers.count) of \(members.count) units receive; the unit's allocation-key share s = \(number(s))",
                "\(members.count) 个街道中 \(receivers.count) 个获得分配；该街道的分配系数占比 s = \(number(s))")))
            lines.append(Explanation.Line(
                say("proportional amount (D − reserve) × s", "按比例金额 (D − 储备) × s"), value: money.text((pooled - districtRow.donationsReserve) * s)))
            if let floor = donations.minimumPerUnit?[y], floor > 0 {
                lines.append(Explanation.Line(say(
                    "floor minimumPerUnit \(money.text(floor)) among receivers (below-floor units get the floor, the rest is re-split by share)",
                    "获得分配的街道保底 minimumPerUnit \(money.text(floor))（低于保底的街道取保底额，其余按占比重新分配）")))
            }
            lines.append(Explanation.Line(
                say("donations received (the pool is split by largest remainder)", "获得募集资金（资金池按最大余额法分配）"),
                value: parts[pools.slot[i]].text, cell: .unit("donations")))
        } else {
            let why = compiled.isCounterfactual
                ? say("counterfactual: all retained", "不改革：全部留存")
                : (row.adopted ? say("not eligible", "不符合条件") : say("not adopted", "未实施"))
            lines.append(Explanation.Line(say(
                "receives nothing: \(why); its share s = \(number(s)) stays in the pool", "未获分配：\(why)；其占比 s = \(number(s)) 留在资金池")))
            lines.append(Explanation.Line(received, value: parts[pools.slot[i]].text, cell: .unit("donations")))
        }
        lines.append(Explanation.Line(
            say("retained in the district pool", "留存于区级资金池"), value: parts[members.count].text, cell: .district("donations_retained")))
        return Explanation.Section(title: title, lines: lines)
    }

    func needSection() -> Explanation.Section {
        var lines: [Explanation.Line] = []
        for item in policy.needs {
            let cost = item.unitCost.value(in: year)
            let index = item.growth.growthIndex(over: scenario.horizon)[y]
            let amount = cost * base.indicator(item.indicator) * index
            let inputs = "\(number(cost)) × \(item.indicator) \(number(base.indicator(item.indicator))) × Π(1 + \(say("growth", "增长率"))) \(number(index))"
            lines.append(Explanation.Line(
                say("need '\(item.id)' = unit cost ", "支出需求「\(item.id)」= 单位成本 ") + inputs, value: money.text(amount)))
        }
        if policy.needs.isEmpty { lines.append(Explanation.Line(say("no need items", "无支出需求项目"))) }
        if !compiled.fees.isEmpty {
            lines.append(Explanation.Line(
                say("task costs of the line fees Σ Q", "条费对应的任务成本 Σ Q"), value: money.text(row.taskCosts.reduce(0, +))))
        }
        lines.append(Explanation.Line(say("need N", "支出需求 N"), value: money.text(row.need), cell: .unit("need")))
        return Explanation.Section(title: say("Need 支出需求", "支出需求"), lines: lines)
    }

    func balanceSection() -> Explanation.Section {
        let feeParts = compiled.fees.indices.map { pools.fees($0, d, y)[pools.slot[i]] }
        let feesTotal = feeParts.reduce(zero, +)
        let sum = "\(money.text(row.allocation)) + \(money.text(row.rebate)) + \(feesTotal.text) + \(pools.donations(d, y)[pools.slot[i]].text) + \(money.text(row.enterpriseIncome)) + \(money.text(row.collectiveIncome))"
        return Explanation.Section(
            title: say("Resources and gap 财力与缺口", "财力与缺口"),
            lines: [
                Explanation.Line(say("fees received Σ F", "获得条费 Σ F"), value: feesTotal.text, cell: .unit("fees_total")),
                Explanation.Line(
                    say("resources = A + ρ + Σ F + donations + E + K = \(sum) (unrounded sum, rounded once)",
                        "可用财力 = A + ρ + Σ F + 募集资金 + E + K = \(sum)（未取整的和，只取整一次）"),
                    value: money.text(row.resources), cell: .unit("resources")),
                Explanation.Line(say("gap = resources − need", "财力缺口 = 可用财力 − 支出需求"), value: money.text(row.gap), cell: .unit("gap")),
                Explanation.Line(
                    say("self-sufficiency = resources / need (empty when need = 0)", "财力自给率 = 可用财力 / 支出需求（支出需求为 0 时为空）"),
                    value: row.selfSufficiency.map(ratio.text) ?? "", cell: .unit("self_sufficiency")),
            ])
    }
}
