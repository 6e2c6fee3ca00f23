import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 11: report.xlsx is written by the same atomic folder write as the CSVs, writes the
/// same bytes for the same run, and continues long tables on numbered sheets. (Its cells,
/// formats, panes, filters and charts are read back with openpyxl in `make workbook-check`.)
@Suite("Planner's workbook (report.xlsx)")
struct WorkbookTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let options = RunWriter.Options(workbook: true)

    func simingRun(paths: Int = 1, threads: Int = 1, options: RunWriter.Options = options) throws -> ScenarioRun {
        var loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        loaded.scenario.paths = paths
        return try ScenarioRun(loaded, options: options, threads: threads)
    }

    func bytes(_ run: ScenarioRun, _ name: String) throws -> Data {
        let url = folder.url.appendingPathComponent(name)
        try #require(run.workbook).write(to: url)
        return try Data(contentsOf: url)
    }

    /// The zip's file names are stored uncompressed: the parts a workbook holds can be listed
    /// from its bytes.
    func parts(_ data: Data, _ prefix: String) -> Set<String> {
        let text = String(decoding: data, as: UTF8.self)
        let pattern = try! Regex("\(prefix)[0-9]+\\.xml")
        return Set(text.matches(of: pattern).map { String(text[$0.range]) })
    }

    @Test func sameRunWritesSameBytes() throws {
        let first = try bytes(try simingRun(), "a.xlsx")
        let second = try bytes(try simingRun(), "b.xlsx")
        #expect(first.starts(with: Data("PK".utf8)))
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).contains("docProps/core.xml"))
        let variants = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml"))).scenario.districts.count
        #expect(
            parts(first, "xl/charts/chart").count == 5 * variants + 2 * variants,
            "net revenue vs counterfactual, reform effect, street gaps, self-sufficiency, roll-out per district; the Brief's reform effect and capacity factor of reform per district")
    }

    @Test func monteCarloWorkbookDoesNotDependOnThreadsOrMemoryMode() throws {
        let one = try bytes(try simingRun(paths: 40, threads: 1), "one.xlsx")
        let two = try bytes(try simingRun(paths: 40, threads: 2), "two.xlsx")
        #expect(one == two)
        var constant = Self.options
        constant.workbookConstantMemory = true
        let streamed = try bytes(try simingRun(paths: 40, options: constant), "streamed.xlsx")
        #expect(parts(streamed, "xl/charts/chart") == parts(one, "xl/charts/chart"))
        #expect(!parts(one, "xl/charts/chart").isEmpty)
    }

    @Test func runJsonListsTheWorkbook() throws {
        let run = try simingRun()
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(run.file(named: "run.json")))
        #expect(manifest.files.last == "report.xlsx")
        #expect(run.entries.map(\.name).last == "report.xlsx")
        let plain = try simingRun(options: .init())
        #expect(plain.workbook == nil)
        #expect(!plain.entries.map(\.name).contains("report.xlsx"))
    }

    @Test func chineseWorkbookReadsTheFolderCSVsRatherThanAnEnglishCopy() throws {
        var options = Self.options
        options.chineseHeaders = true
        let run = try simingRun(paths: 20, options: options)
        let workbook = try #require(run.workbook)
        #expect(workbook.language == .chinese)
        for table in workbook.tables {
            #expect(table.csv == run.file(named: table.file), "\(table.file): the translated bytes of the folder")
            #expect(table.englishHeader?.prefix(2) == ["variant", "district"])
            #expect(String(decoding: table.csv.prefix(6), as: UTF8.self) == "方案")
        }
    }

    @Test func failedRunLeavesNoWorkbookAndKeepsThePreviousFolder() throws {
        let target = folder.url.appendingPathComponent("run")
        let manifest = Data(#"{"tool": "fiscal-sim", "files": ["units.csv"]}"#.utf8)  // a folder we wrote (issue 23)
        try RunFolder(target).write([("units.csv", Data("previous".utf8)), ("run.json", manifest)])
        struct Boom: Error {}
        let entries = try simingRun().entries + [.produced(name: "later.csv") { _ in throw Boom() }]
        #expect(throws: RunFolder.WriteError.self) { try RunFolder(target).write(entries) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).sorted() == ["run.json", "units.csv"])
        #expect(try Data(contentsOf: target.appendingPathComponent("units.csv")) == Data("previous".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["run"], "no staging folder left")
    }

    @Test func failingWorkbookFailsTheWholeFolder() throws {
        let run = try simingRun()
        var workbook = try #require(run.workbook)
        // Excel has 16,384 columns: a wider table cannot be written.
        let wide = (0...16_384).map { "c\($0)" }.joined(separator: ",")
        workbook.tables.append(WorkbookTable(file: "wide.csv", csv: Data("\(wide)\n".utf8)))
        let target = folder.url.appendingPathComponent("fresh")
        let entries = RunOutput(files: run.files, workbook: workbook).entries
        do {
            try RunFolder(target).write(entries)
            Issue.record("the folder was written")
        } catch {
            #expect("\(error)".contains("cannot write report.xlsx"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func longTablesContinueOnNumberedSheets() throws {
        let csv = "variant,district,year,tax\n" + (1...25).map { "reform,d,\(2025 + $0),\($0).5\n" }.joined()
        let table = WorkbookTable(file: "districts.csv", csv: Data(csv.utf8))
        #expect(table.rowCount == 25)
        var workbook = try #require(try simingRun().workbook)
        workbook.tables = [table]
        workbook.rowLimit = 11  // a header and 10 rows per sheet
        #expect(workbook.tableSheetNames() == [["Districts", "Districts (2)", "Districts (3)"]])
        workbook.rowLimit = 26
        #expect(workbook.tableSheetNames() == [["Districts"]])
        workbook.rowLimit = 25
        #expect(workbook.tableSheetNames() == [["Districts", "Districts (2)"]])
        workbook.language = .chinese
        #expect(workbook.tableSheetNames() == [["区", "区 (2)"]])
        try workbook.write(to: folder.url.appendingPathComponent("continued.xlsx"))
    }

    /// `sweep.csv` as model.md §15.1 lays it out (issue 9 writes it): points × (districts, all).
    static func sweepCSV(monteCarlo: Bool) -> String {
        let metrics = monteCarlo ? "reform_effect_mean,reform_effect_p05,reform_effect_p50,reform_effect_p95" : "rebates,reform_effect"
        var text = "point,point_name,rebate.bands.0.rate,termYears,district,\(metrics)\n"
        var point = 0
        for rate in ["0.2", "0.3", "0.4"] {
            for term in ["3", "5"] {
                point += 1
                for district in ["siming", "all"] {
                    let effect = Double(point) * 10.25
                    text += "\(point),,\(rate),\(term),\(district),"
                    text += monteCarlo ? "\(effect),\(effect - 5),\(effect),\(effect + 5)\n" : "\(effect * 2),\(effect)\n"
                }
            }
        }
        return text
    }

    @Test(arguments: [false, true])
    func sweepWorkbookChartsTheReformEffectAgainstTheFirstSweptPath(monteCarlo: Bool) throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        let workbook = ReportWorkbook.sweep(
            loaded: loaded, sweepCSV: Data(Self.sweepCSV(monteCarlo: monteCarlo).utf8), paths: monteCarlo ? 100 : 1,
            seed: 7, language: .chinese)
        #expect(workbook.tableSheetNames() == [["扫描"]])
        #expect(workbook.tables[0].keyColumns == 5)
        // Per district (siming, then all): reform effect, capacity binding, streets with a gap.
        #expect(workbook.charts.map(\.categories) == Array(repeating: ["0.2", "0.3", "0.4"], count: 6))
        let first = try #require(workbook.charts.first)
        #expect(first.series.map(\.name) == ["termYears = 3", "termYears = 5"], "a path without a label as written")
        // Points 1, 3, 5 have termYears 3: reform effect (p50) 10.25, 30.75, 51.25.
        #expect(first.series[0].values == [10.25, 30.75, 51.25])
        #expect(first.title == "思明区：改革效应随返还比例（第1档）变化" || monteCarlo)
        #expect(first.categoryAxis == "返还比例（第1档）")
        #expect(workbook.charts[1].title.contains(monteCarlo ? "承受能力约束概率" : "承受能力约束年数"))
        #expect(workbook.charts[2].title.contains("缺口街道数"))
        let url = folder.url.appendingPathComponent("sweep.xlsx")
        try workbook.write(to: url)
        #expect(parts(try Data(contentsOf: url), "xl/charts/chart").count == 6)
    }

    @Test func sweepStatisticColumnsAreFormattedAsTheirMetric() {
        #expect(CellStyle(column: "reform_effect_p05") == .money)
        #expect(CellStyle(column: "mean_self_sufficiency_mean") == .ratio)
        #expect(CellStyle(column: "units_with_gap_mean") == .number, "a mean of counts keeps its decimals")
        #expect(CellStyle(column: "units_with_gap") == .integer)
        #expect(CellStyle(column: "prob_reform_effect_negative") == .ratio)
        #expect(CellStyle(column: "min_self_sufficiency") == .ratio)
        #expect(CellStyle(column: "p50") == .statistic)
        #expect(CellStyle(column: "adopted") == .boolean)
    }

    @Test func csvRecordsReadBackWhatCSVTextWrote() throws {
        var csv = CSVText()
        let rows = [["a", "b,c", "say \"hi\""], ["", "line\nbreak", "厦港"], ["x", "", ""]]
        for row in rows { csv.append(row) }
        #expect(CSVRecords.all(Data(("\u{FEFF}" + csv.text).utf8)) == rows)
        #expect(CSVRecords.dataRowCount(Data(csv.text.utf8)) == 2)
    }
}
