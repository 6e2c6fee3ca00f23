import FiscalModel

/// How a run's evidence-gated waves were decided (model.md §20), as the run folder reports it:
/// `waves.csv`, the `run.json` entries and the summary lines.
public struct WaveReport: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// Per reported variant with waves (output order): its name and its waves' results.
    public let variants: [(name: String, waves: [WaveResult])]
    /// Whether the run is Monte Carlo (paths > 1).
    public let isMonteCarlo: Bool

    /// The file name.
    public static let fileName = WaveColumns.fileName
    /// The header line alone (a shard without the waves' districts).
    static var header: String {
        var csv = CSVText()
        csv.append(WaveColumns.table)
        return csv.text
    }

    /// The report of a deterministic run; `nil` when no variant has waves.
    public init?(scenario: Scenario, result: RunResult) {
        self.init(scenario: scenario, names: result.variants.map(\.name), waves: result.variants.map(\.waves), monteCarlo: false)
    }

    /// The report of a Monte Carlo run; `nil` when no variant has waves.
    public init?(scenario: Scenario, result: MonteCarloResult) {
        self.init(scenario: scenario, names: result.variants, waves: result.waves, monteCarlo: true)
    }

    private init?(scenario: Scenario, names: [String], waves: [[WaveResult]], monteCarlo: Bool) {
        let variants = zip(names, waves).filter { !$0.1.isEmpty }.map { (name: $0.0, waves: $0.1) }
        guard !variants.isEmpty else { return nil }
        self.scenario = scenario
        self.variants = variants
        self.isMonteCarlo = monteCarlo
    }

    /// `waves.csv`: per variant with waves × wave × projected year, the share of paths adopted by
    /// that year and abandoned by that year (6 decimals under the scenario's rounding).
    public func csv() -> String {
        let ratio = scenario.ratioRounding
        var csv = CSVText()
        csv.append(WaveColumns.table)
        for variant in variants {
            for wave in variant.waves {
                for (y, year) in scenario.horizon.years.enumerated() {
                    csv.append([
                        variant.name, wave.id, String(year), ratio.text(wave.adoptedShare(throughYearIndex: y)),
                        ratio.text(wave.abandonedShare(throughYearIndex: y)),
                    ])
                }
            }
        }
        return csv.text
    }

    /// The `run.json` entries, keyed by variant then wave id.
    public var manifestEntries: [String: [String: RunManifest.WaveEntry]] {
        let horizon = scenario.horizon
        let ratio = scenario.ratioRounding
        func number(_ value: Double) -> Double { Double(ratio.text(value)) ?? value }
        var entries: [String: [String: RunManifest.WaveEntry]] = [:]
        for variant in variants {
            var waves: [String: RunManifest.WaveEntry] = [:]
            for wave in variant.waves {
                let last = horizon.count - 1
                if isMonteCarlo {
                    waves[wave.id] = .monteCarlo(
                        adoptedShare: number(wave.adoptedShare(throughYearIndex: last)),
                        abandonedShare: number(wave.abandonedShare(throughYearIndex: last)),
                        meanYear: wave.meanAdoptionIndex.map { number(Double(horizon.firstYear) + $0) })
                } else {
                    waves[wave.id] = .deterministic(
                        year: wave.adoptedIndex.map { horizon.year(at: $0) },
                        abandoned: wave.abandonedIndex.map { horizon.year(at: $0) })
                }
            }
            entries[variant.name] = waves
        }
        return entries
    }

    /// One summary line per variant and wave: "reform: wave expand adopted in 2029
    /// (self_sufficiency ≥ 1.1 held in 2027–2028)"; Monte Carlo "… adopted by 2035 on 62.4 % of
    /// paths, mean year 2029.8; abandoned on 11.0 %". Under `.chinese` (`--lang zh`) the lines of
    /// `describeChinese`, the variant named as the Chinese summary names it.
    public func summaryLines(language: WorkbookLanguage = .english) -> [String] {
        variants.flatMap { variant in
            variant.waves.enumerated().map { w, wave in
                let plan = Simulation(scenario).wavePlan(ofVariant: variant.name)?.waves[w]
                guard language == .chinese else { return "\(variant.name): wave \(wave.id) \(describe(wave, plan: plan))" }
                let name = VariantTitle.display(variant.name, language: .chinese, titles: scenario.variantTitles)
                return "\(name)：批次 \(wave.id) \(describeChinese(wave, plan: plan))"
            }
        }
    }

    /// How `wave` was decided, in the words of the summary: "adopted in 2029 (…)".
    func describe(_ wave: WaveResult, plan: WavePlan.ResolvedWave?) -> String {
        let horizon = scenario.horizon
        let end = horizon.endYear
        if isMonteCarlo {
            let percent = MoneyRounding(precision: 1, rule: scenario.rounding)
            let last = horizon.count - 1
            var text = "adopted by \(end) on \(percent.text(100 * wave.adoptedShare(throughYearIndex: last))) % of paths"
            if let mean = wave.meanAdoptionIndex {
                text += ", mean year \(percent.text(Double(horizon.firstYear) + mean))"
            }
            return text + "; abandoned on \(percent.text(100 * wave.abandonedShare(throughYearIndex: last))) %"
        }
        func span(_ first: Int, _ last: Int) -> String {
            first == last ? "\(horizon.year(at: first))" : "\(horizon.year(at: first))–\(horizon.year(at: last))"
        }
        switch wave.reason {
        case .when(let first, let last)?:
            let condition = plan.map { $0.when.condition.describe(in: horizon.year(at: last)) } ?? "when"
            return "adopted in \(horizon.year(at: wave.adoptedIndex!)) (\(condition) held in \(span(first, last)))"
        case .deadline?:
            return "adopted in \(horizon.year(at: wave.adoptedIndex!)) (deadline; its condition had not held)"
        case .stopWhen(let first, let last)?:
            let condition = plan?.stopWhen.map { $0.condition.describe(in: horizon.year(at: last)) } ?? "stopWhen"
            return "abandoned in \(horizon.year(at: wave.abandonedIndex!)) (stopWhen \(condition) held in \(span(first, last)))"
        case .afterAbandoned(let other)?:
            return "abandoned in \(horizon.year(at: wave.abandonedIndex!)) (wave \(other), which it follows, was abandoned)"
        case .notAdopted?, nil:
            return "not adopted by \(end)"
        }
    }
}
