import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21 (5), model.md §22: `--set PATH=VALUE` is applied to the scenario as written exactly as
/// a variant's `set`, recorded in run.json; errors name `--set PATH` with a did-you-mean.
@Suite("--set PATH=VALUE")
struct CommandLineSetTests {
    static let siming = Repository.path("scenarios/siming-pilot.yaml")

    func load(_ entries: [(String, String)], path: String = siming) throws(InputError) -> LoadedScenario {
        try ScenarioLoader().load(path, settings: CommandLineSet(entries: entries.map { CommandLineSet.Entry(path: $0.0, value: $0.1) }))
    }

    func errors(_ entries: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try load(entries)
            Issue.record("accepted", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("every file of the run equals the run of the scenario edited by hand (and run.json records the set)")
    func equalsTheEditedScenario() throws {
        let folder = try TemporaryFolder()
        for (path, value, old, new) in [
            ("rebate.bands.0.rate", "0.35", "{upTo: 500, rate: 0.3}", "{upTo: 500, rate: 0.35}"),
            ("rollout.byTag.pilot", "never", "byTag: {pilot: 2026}", "byTag: {pilot: never}"),
            ("incentive.elasticity", "{2026: 0.04, 2030: 0.08}", "incentive: {elasticity: 0.04}", "incentive: {elasticity: {2026: 0.04, 2030: 0.08}}"),
        ] {
            var loaded = try load([(path, value)])
            loaded.scenario.variants = []
            let set = try ScenarioRun(loaded)
            let edited = try SweepRun.runEdited(old, new, in: folder)
            for file in ["units.csv", "districts.csv", "comparison.csv", "groups.csv", "brief.csv"] {
                #expect(set.file(named: file) == edited.file(named: file), "\(path)=\(value): \(file) differs")
            }
            let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(set.file(named: "run.json")))
            #expect(manifest.set?.count == 1 && manifest.set?[path] != nil)
        }
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(try ScenarioRun(try load([("rebate.bands.0.rate", "0.35")])).file(named: "run.json")))
        #expect(manifest.set == ["rebate.bands.0.rate": .number(0.35)])
    }

    @Test("a sweep with --set equals the sweep from a variant setting the same (sweep.csv byte for byte)")
    func equalsTheVariant() throws {
        let grid = SweepDefinition.grid
        let settings = CommandLineSet(entries: [.init(path: "rollout.default", value: "2026"), .init(path: "rollout.byUnit.gulangyu", value: "2026")])
        let set = try SweepPlan(template: ScenarioTemplate(path: Self.siming, settings: settings), definition: grid(["rebate.termYears=3,5"]), paths: nil, seed: nil, threads: 2)
        let variant = try SweepRun.plan(grid: ["rebate.termYears=3,5"], variant: "fast-rollout")
        #expect(try SweepRun.csv(set) == SweepRun.csv(variant))
        #expect(try SweepRun.csv(set) != SweepRun.csv(try SweepRun.plan(grid: ["rebate.termYears=3,5"])))
        let json = String(decoding: try SweepManifest(set, files: []).encoded(), as: UTF8.self)
        #expect(json.contains("\"rollout.byUnit.gulangyu\" : 2026") && json.contains("\"rollout.default\" : 2026"))
    }

    @Test("variants apply on top of the set scenario; a later --set for the same path wins")
    func orderOfApplication() throws {
        let loaded = try load([("rebate.bands.0.rate", "0.5"), ("rebate.bands.0.rate", "0.35")])
        #expect(firstBandRate(loaded.scenario.reform.rebate) == StepFunction(0.35))
        // rebate-50 sets the bands itself, so it keeps its own rate.
        let plain = try #require(loadScenario(Self.siming))
        #expect(loaded.scenario.variants.first { $0.name == "rebate-50" }?.policy.rebate == plain.scenario.variants.first { $0.name == "rebate-50" }?.policy.rebate)
        #expect(firstBandRate(loaded.scenario.variants.first { $0.name == "fast-rollout" }?.policy.rebate) == StepFunction(0.35))
        #expect(loaded.settings.record == ["rebate.bands.0.rate": .number(0.35)])
    }

    @Test("errors name --set and the path, with a did-you-mean, and are input errors")
    func errorsNameTheSetting() throws {
        #expect(errors([("rebate.bands.0.rat", "0.35")]).map(\.description) == [
            "--set rebate.bands.0.rat: error: unknown key 'rat' in rebate.bands[0] (did you mean 'rate'?); allowed keys: upTo, rate",
        ])
        #expect(errors([("rebat.bands.0.rate", "0.35")]).first?.description.hasPrefix("--set rebat.bands.0.rate: error: 'rebat.bands.0.rate' does not exist: unknown section 'rebat' (did you mean 'rebate'?)") == true)
        #expect(errors([("rebate.bands.0.rate", "1.5")]).map(\.description) == [
            "--set rebate.bands.0.rate: error: rebate.bands[0].rate must be between 0 and 1 (a share: 0.3 means 30 %); found 1.5",
        ])
        #expect(errors([("rebate.bands.0.rate", "35%")]).first?.message.hasSuffix("write it as a decimal: 0.35 (35% = 0.35)") == true)
        #expect(errors([("paths", "100")]).first?.message.contains("use --paths and --seed") == true)
        #expect(errors([("rollout.byUnit.gulangyou", "2026")]).first?.message.contains("did you mean 'gulangyu'?") == true)
        #expect(errors([("rebate.bands.7.rate", "0.3")]).first?.message.contains("names no entry of the list rebate.bands") == true)
        do {
            _ = try CommandLineSet.parse(["rebate.bands.0.rate", "x="])
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "--set: error: expected PATH=VALUE, e.g. --set rebate.bands.0.rate=0.35; found 'rebate.bands.0.rate'",
                "--set x: error: the value is empty; write a YAML value such as 0.35, 2028 or never",
            ])
        }
    }

    @Test("run.json's set survives a shard merge's decode and encode unchanged")
    func recordRoundTrips() throws {
        let settings = try CommandLineSet.parse(["a.b=0.35", "c=never", "d={2026: 0.3, 2029: 0.5}", "e=[1, true]", "f=2028"])
        let record = settings.record
        #expect(record["f"] == .number(2028) && record["c"] == .text("never") && record["e"] == .list([.number(1), .flag(true)]))
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode([String: SettingValue].self, from: data) == record)
        #expect(record["d"]?.text == "{2026: 0.3, 2029: 0.5}")
    }

    @Test("on the command line: run --set writes run.json's set; a bad --set exits 2 and writes nothing")
    func commandLine() throws {
        let folder = try TemporaryFolder()
        var (status, errors) = try ToolBinary.run(["run", Self.siming, "--set", "rebate.bands.0.rate=0.35", "--out", "r", "--quiet"], in: folder.url)
        #expect(status == 0 && errors.isEmpty)
        let json = try String(contentsOfFile: folder.path("r/run.json"), encoding: .utf8)
        #expect(json.contains("\"set\" : {\n    \"rebate.bands.0.rate\" : 0.35\n  }"))
        (status, errors) = try ToolBinary.run(["run", Self.siming, "--set", "rebate.bands.0.rat=0.35", "--out", "bad"], in: folder.url)
        #expect(status == 2 && errors.contains("--set rebate.bands.0.rat: error: unknown key 'rat'"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("bad")))
        (status, errors) = try ToolBinary.run(
            ["solve", Self.siming, "--vary", "incentive.elasticity", "--between", "0", "0.1", "--target", "reform_effect=0", "--set", "rebate.bands.0.rate=0.35", "--out", "s"],
            in: folder.url)
        #expect(status == 0)
        let solve = try String(contentsOfFile: folder.path("s/solve.json"), encoding: .utf8)
        #expect(solve.contains("\"set\" : {\n    \"rebate.bands.0.rate\" : 0.35\n  }"))
    }
}

/// The first band's rate of an increment-sharing rebate (`nil` for none or the linked rule).
private func firstBandRate(_ rebate: RebatePolicy?) -> StepFunction? {
    guard case let .increment(sharing) = rebate?.rule else { return nil }
    return sharing.bands.first?.rate
}
