import FiscalModel

/// The brief (简报, model.md §22) as people read it — the lines `run` prints first and the Brief
/// sheet shows: a title, then per reported variant and district a heading and a sentence (and,
/// for a deterministic run, the tasks whose fees do not cover their cost), in the `--lang`
/// language. The `all` rows are shown only when the scenario has more than one district.
public struct BriefSummary: Sendable {
    /// One variant and district.
    public struct Line: Sendable, Equatable {
        /// Variant and district as people name them.
        public var heading: String
        /// The brief's sentence.
        public var sentence: String
        /// The uncovered tasks, if any.
        public var note: String?
    }

    /// The title line.
    public var title: String
    /// The lines, in `brief.csv` order.
    public var lines: [Line]
    /// The deterministic rows charted on the Brief sheet (`reform`'s), empty for Monte Carlo.
    public var charted: [BriefRow]

    /// The brief of a deterministic run.
    public init(scenario: Scenario, result: RunResult, language: WorkbookLanguage) {
        self.init(rows: DeterministicBrief.rows(scenario: scenario, result: result), scenario: scenario, language: language)
    }

    /// The brief of deterministic `rows`.
    public init(rows: [BriefRow], scenario: Scenario, language: WorkbookLanguage) {
        let sentence = BriefSentence(language: language, scenario: scenario)
        let shown = rows.filter { scenario.districts.count > 1 || $0.district != DeterministicBrief.allDistricts }
        title = Self.title(scenario: scenario, language: language)
        lines = shown.map { Line(heading: sentence.heading($0), sentence: sentence.sentence($0), note: sentence.uncoveredTasks($0)) }
        charted = shown.filter { $0.variant == Variant.reformName }
    }

    /// The brief of a Monte Carlo run (a shard's: its districts only).
    public init(scenario: Scenario, result: MonteCarloResult, language: WorkbookLanguage) {
        title = Self.title(scenario: scenario, language: language)
        charted = []
        lines = []
        guard let brief = result.brief else { return }
        let sentence = MonteCarloBriefSentence(language: language, scenario: scenario)
        let all = language.pick("all districts", "全区合计")
        for (v, name) in result.variants.dropFirst().enumerated() {
            let variant = VariantTitle.display(name, language: language, titles: scenario.variantTitles)
            for (d, district) in scenario.districts.enumerated() {
                lines.append(Line(heading: "\(variant) · \(district.name)", sentence: sentence.sentence(brief.districts[v][d])))
            }
            if scenario.districts.count > 1, !brief.keepsPartials {
                lines.append(Line(heading: "\(variant) · \(all)", sentence: sentence.sentence(brief.all[v])))
            }
        }
    }

    /// The brief as the console prints it (no trailing newline).
    public func text(_ language: WorkbookLanguage) -> String {
        var text = [title]
        for line in lines {
            text.append(line.heading + language.pick(": ", "：") + line.sentence)
            if let note = line.note { text.append("    " + note) }
        }
        return text.joined(separator: "\n")
    }

    /// The deterministic brief as text (no trailing newline).
    public static func text(scenario: Scenario, result: RunResult, language: WorkbookLanguage) -> String {
        BriefSummary(scenario: scenario, result: result, language: language).text(language)
    }

    /// The brief's title line.
    public static func title(scenario: Scenario, language: WorkbookLanguage) -> String {
        language.pick(
            "\(scenario.name): brief (brief.csv), \(scenario.currency) \(scenario.moneyUnit); a negative reform effect is extra pressure on the district",
            "\(scenario.name)：简报（brief.csv），\(scenario.currency) \(scenario.moneyUnit)；改革效应为负即区级财政承受额外压力")
    }
}
