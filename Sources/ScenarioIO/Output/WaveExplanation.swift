import FiscalModel

/// `explain`'s section on evidence-gated waves (model.md §20): for a wave member, the wave and,
/// year by year up to its decision, each evidence year's metric against its threshold; for a
/// pilot, the waves that watch it.
extension ExplainContext {
    /// The id of the wave unit i is a member of, if any.
    var waveOfUnit: String? {
        guard let plan = Simulation(scenario).wavePlan(ofVariant: variant.name), let w = plan.waveOfUnit[i] else { return nil }
        return plan.waves[w].wave.id
    }

    func waveSections() -> [Explanation.Section] {
        guard let plan = Simulation(scenario).wavePlan(ofVariant: variant.name), plan.waves.count == variant.waves.count
        else { return [] }
        let horizon = scenario.horizon
        var sections: [Explanation.Section] = []
        for (w, wave) in plan.waves.enumerated() {
            let result = variant.waves[w]
            let member = plan.waveOfUnit[i] == w
            let pilot = wave.evidence.contains(i)
            guard member || pilot else { continue }
            let report = WaveReport(scenario: scenario, result: RunResult(variants: [variant]))
            var lines = [Explanation.Line(
                say("\(member ? "member" : "pilot (evidence)") of wave '\(wave.wave.id)': \(wave.members.count) members, evidence \(wave.evidence.map { scenario.units[$0].id }.joined(separator: ", "))",
                    "推开批次 \(wave.wave.id) 的\(member ? "成员" : "试点（证据）")：成员 \(wave.members.count) 个，证据街道 \(wave.evidence.map { scenario.units[$0].id }.joined(separator: "、"))"))]
            lines.append(Explanation.Line(say("decision: ", "决定：") + (report?.describe(result, plan: wave) ?? "")))
            let decided = result.adoptedIndex ?? result.abandonedIndex ?? horizon.count - 1
            for t in wave.earliestIndex...max(wave.earliestIndex, decided) where t < horizon.count {
                lines.append(Explanation.Line(say("before \(horizon.year(at: t)): ", "\(horizon.year(at: t))年前：") + trail(wave, result, t)))
            }
            if pilot, plan.pilotEffort.contains(where: { $0 != 0 }) {
                let until = horizon.year(at: min(decided, horizon.count - 1))
                lines.append(Explanation.Line(say(
                    "pilot effort p(\(year)) = \(number(plan.pilotEffort[y])) adds to growth while the wave watches (until \(until))",
                    "试点额外努力 p(\(year)) = \(number(plan.pilotEffort[y]))，在推开批次观察期间计入增长（至 \(until)年）")))
            }
            sections.append(Explanation.Section(title: say("Wave \(wave.wave.id) 推开批次", "推开批次：\(wave.wave.id)"), lines: lines))
        }
        return sections
    }

    /// Each evidence year's metric against its threshold for the decision before year index t.
    private func trail(_ wave: WavePlan.ResolvedWave, _ result: WaveResult, _ t: Int) -> String {
        let horizon = scenario.horizon
        func years(_ condition: WavePlan.Condition, _ values: [Double], _ name: String) -> String {
            let last = t - wave.lag, first = last - condition.window + 1
            guard first >= 0 else {
                let span = first == last ? "\(horizon.year(at: last))" : "\(horizon.year(at: first))–\(horizon.year(at: last))"
                return say("\(name) needs evidence from \(span), before the first projected year: does not hold", "\(name) 需要 \(span) 的证据，早于预测首年：不成立")
            }
            let money = condition.condition.metric == .reformEffect
            let checks = (first...last).map { e -> String in
                let value = values[e]
                let shown = money ? self.money.text(value) : number(value)
                let sign = condition.condition.direction == .above ? "≥" : "≤"
                let threshold = number(condition.threshold[e])
                guard !value.isNaN else { return "\(horizon.year(at: e)) " + say("undefined", "无定义") }
                return "\(horizon.year(at: e)) \(shown) \(condition.passes(value, yearIndex: e) ? "" : say("not ", "不"))\(sign) \(threshold)"
            }
            return "\(name) \(condition.condition.metric.rawValue): " + checks.joined(separator: ", ")
        }
        var parts = [years(wave.when, result.whenMetric, "when")]
        if let stop = wave.stopWhen { parts.append(years(stop, result.stopMetric, "stopWhen")) }
        if let deadline = wave.deadlineIndex, t >= deadline { parts.append(say("deadline \(horizon.year(at: deadline)) reached", "已到截止年份 \(horizon.year(at: deadline))")) }
        return parts.joined(separator: say("; ", "；"))
    }
}
