import FiscalModel

/// The summary lines of a run's waves in Chinese (`--lang zh`, 推开批次): the same facts as
/// `WaveReport.describe` in the words a Chinese planner reads — "于 2029 年推开（2027–2028 年
/// 财力自给率 ≥ 1.75 均成立）"; Monte Carlo "截至 2035 年在 62.4% 的路径上推开，平均推开年份
/// 2029.8；在 11.0% 的路径上放弃".
extension WaveReport {
    /// The Chinese name of a wave metric (the `reform_effect` threshold followed by the money unit).
    static func chineseName(_ metric: WaveMetric) -> String {
        switch metric {
        case .selfSufficiency: "财力自给率"
        case .gapShare: "有缺口街道占比"
        case .taxGrowth: "税收增长率"
        case .growthAdvantage: "税收增长优势"
        case .reformEffect: "累计改革效应"
        }
    }

    /// "财力自给率 ≥ 1.75" with the threshold in force in `year` ("累计改革效应 ≤ -3000 万元").
    func chineseCondition(_ condition: WaveCondition, in year: Int) -> String {
        let sign = condition.direction == .above ? "≥" : "≤"
        let unit = condition.metric == .reformEffect ? " \(scenario.moneyUnit)" : ""
        return "\(Self.chineseName(condition.metric)) \(sign) \(condition.threshold.value(in: year).shortText)\(unit)"
    }

    /// How `wave` was decided, in the Chinese summary's words (the facts of `describe`).
    func describeChinese(_ wave: WaveResult, plan: WavePlan.ResolvedWave?) -> String {
        let horizon = scenario.horizon
        let end = horizon.endYear
        if isMonteCarlo {
            let percent = MoneyRounding(precision: 1, rule: scenario.rounding)
            let last = horizon.count - 1
            var text = "截至 \(end) 年在 \(percent.text(100 * wave.adoptedShare(throughYearIndex: last)))% 的路径上推开"
            if let mean = wave.meanAdoptionIndex {
                text += "，平均推开年份 \(percent.text(Double(horizon.firstYear) + mean))"
            }
            return text + "；在 \(percent.text(100 * wave.abandonedShare(throughYearIndex: last)))% 的路径上放弃"
        }
        func held(_ first: Int, _ last: Int, _ condition: String) -> String {
            first == last
                ? "\(horizon.year(at: first)) 年\(condition) 成立"
                : "\(horizon.year(at: first))–\(horizon.year(at: last)) 年\(condition) 均成立"
        }
        switch wave.reason {
        case .when(let first, let last)?:
            let condition = plan.map { chineseCondition($0.when.condition, in: horizon.year(at: last)) } ?? "推开条件"
            return "于 \(horizon.year(at: wave.adoptedIndex!)) 年推开（\(held(first, last, condition))）"
        case .deadline?:
            return "于 \(horizon.year(at: wave.adoptedIndex!)) 年推开（已到最迟推开年份，推开条件未曾满足）"
        case .stopWhen(let first, let last)?:
            let condition = plan?.stopWhen.map { chineseCondition($0.condition, in: horizon.year(at: last)) } ?? "放弃条件"
            return "于 \(horizon.year(at: wave.abandonedIndex!)) 年放弃推开（放弃条件：\(held(first, last, condition))）"
        case .afterAbandoned(let other)?:
            return "于 \(horizon.year(at: wave.abandonedIndex!)) 年放弃推开（其跟随的批次 \(other) 已放弃）"
        case .notAdopted?, nil:
            return "截至 \(end) 年未推开"
        }
    }
}
