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
        func held(_ first: Int, _ last: Int, _ condition: WaveCondition?, _ otherwise: String) -> String {
            let text = condition.map { chineseCondition($0, in: last) } ?? otherwise
            return first == last ? "\(first) 年\(text) 成立" : "\(first)–\(last) 年\(text) 均成立"
        }
        switch outcome(wave, plan: plan) {
        case let .shares(end, adopted, meanYear, abandoned):
            return "截至 \(end) 年在 \(adopted)% 的路径上推开\(meanYear.map { "，平均推开年份 \($0)" } ?? "")；在 \(abandoned)% 的路径上放弃"
        case let .held(year, condition, first, last):
            return "于 \(year) 年推开（\(held(first, last, condition, "推开条件"))）"
        case let .deadline(year):
            return "于 \(year) 年推开（已到最迟推开年份，推开条件未曾满足）"
        case let .stopped(year, condition, first, last):
            return "于 \(year) 年放弃推开（放弃条件：\(held(first, last, condition, "放弃条件"))）"
        case let .followed(year, other):
            return "于 \(year) 年放弃推开（其跟随的批次 \(other) 已放弃）"
        case let .notAdopted(end):
            return "截至 \(end) 年未推开"
        }
    }
}
