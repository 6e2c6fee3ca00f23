import FiscalModel

/// The lines `run` prints first (SPEC §22): per reported variant and district, the brief's
/// sentence — does the district bear extra pressure, and which streets are short — and the
/// tasks whose fees do not cover their cost, in the `--lang` language. The `all` rows are
/// printed only when the scenario has more than one district.
public enum BriefSummary {
    /// The brief of a deterministic run as text (no trailing newline).
    public static func text(scenario: Scenario, result: RunResult, language: WorkbookLanguage) -> String {
        text(rows: DeterministicBrief.rows(scenario: scenario, result: result), scenario: scenario, language: language)
    }

    /// The brief of `rows` as text (no trailing newline).
    public static func text(rows: [BriefRow], scenario: Scenario, language: WorkbookLanguage) -> String {
        let sentence = BriefSentence(language: language, scenario: scenario)
        var lines = [title(scenario: scenario, language: language)]
        for row in rows where scenario.districts.count > 1 || row.district != DeterministicBrief.allDistricts {
            lines.append(sentence.heading(row) + language.pick(": ", "：") + sentence.sentence(row))
            if let tasks = sentence.uncoveredTasks(row) { lines.append("    " + tasks) }
        }
        return lines.joined(separator: "\n")
    }

    /// The brief's title line.
    public static func title(scenario: Scenario, language: WorkbookLanguage) -> String {
        language.pick(
            "\(scenario.name): brief (brief.csv), \(scenario.currency) \(scenario.moneyUnit); a negative reform effect is extra pressure on the district",
            "\(scenario.name)：简报（brief.csv），\(scenario.currency) \(scenario.moneyUnit)；改革效应为负即区级财政承受额外压力")
    }
}
