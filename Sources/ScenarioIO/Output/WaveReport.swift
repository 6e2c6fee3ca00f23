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
        switch outcome(wave, plan: plan) {
        case let .shares(end, adopted, meanYear, abandoned):
            return "adopted by \(end) on \(adopted) % of paths\(meanYear.map { ", mean year \($0)" } ?? ""); abandoned on \(abandoned) %"
        case let .held(year, condition, first, last):
            return "adopted in \(year) (\(condition?.describe(in: last) ?? "when") held in \(Self.span(first, last)))"
        case let .deadline(year):
            return "adopted in \(year) (deadline; its condition had not held)"
        case let .stopped(year, condition, first, last):
            return "abandoned in \(year) (stopWhen \(condition?.describe(in: last) ?? "stopWhen") held in \(Self.span(first, last)))"
        case let .followed(year, other):
            return "abandoned in \(year) (wave \(other), which it follows, was abandoned)"
        case let .notAdopted(end):
            return "not adopted by \(end)"
        }
    }

    /// "2027–2028", or "2028" for one year.
    static func span(_ first: Int, _ last: Int) -> String { first == last ? "\(first)" : "\(first)–\(last)" }
}
