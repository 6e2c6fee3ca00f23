import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 19: a run with waves gets a Waves sheet (推开批次) holding `waves.csv` cell for cell and
/// the roll-out wave charts (adopted share, abandoned share by year, one series per variant ×
/// wave); a run without waves, or a shard's header-only `waves.csv`, keeps its workbook.
/// Expectations by hand from the shipped scenario's decisions (scenarios/pinned/siming-rollout.yaml:
/// `reform` adopts `expand` in 2029, `no-effort` abandons it in 2029).
@Suite("Waves: workbook sheet and charts")
struct WaveWorkbookTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func run(_ path: String = "scenarios/siming-rollout.yaml", paths: Int = 1, chinese: Bool = false) throws -> ScenarioRun {
        var loaded = try ScenarioLoader().load(Repository.path(path))
        loaded.scenario.paths = paths
        var options = RunWriter.Options(workbook: true)
        options.chineseHeaders = chinese
        return try ScenarioRun(loaded, options: options, threads: 2)
    }

    /// One part of the written package, as text (`unzip -p`).
    func part(_ name: String, of url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", url.path, name]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The cells of sheet `name` of the workbook at `url`, row by row (text, numbers as their
    /// shortest text, booleans as true/false), read from the package's XML.
    func sheetCells(_ name: String, of url: URL) throws -> [[String]] {
        let workbook = try part("xl/workbook.xml", of: url)
        let names = workbook.matches(of: #/<sheet name="([^"]*)"/#).map { String($0.1) }
        let index = try #require(names.firstIndex(of: name), "sheets \(names)")
        let shared = try part("xl/sharedStrings.xml", of: url).matches(of: #/<si><t[^>]*>([^<]*)</t></si>/#).map { String($0.1) }
        let sheet = try part("xl/worksheets/sheet\(index + 1).xml", of: url)
        return sheet.matches(of: #/<row [^>]*>(.*?)</row>/#).map { row in
            row.1.matches(of: #/<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="(\w+)")?><v>([^<]*)</v></c>/#).map { cell in
                switch cell.1 {
                case "s"?: shared[Int(cell.2)!]
                case "b"?: cell.2 == "1" ? "true" : "false"
                default: Double(cell.2)!.shortText
                }
            }
        }
    }

    /// `waves.csv` as the sheet should show it: numbers as numbers (0.000000 → 0).
    func csvCells(_ data: Data) -> [[String]] {
        CSVRecords.all(data).enumerated().map { r, row in
            row.map { r > 0 ? Double($0).map(\.shortText) ?? $0 : $0 }
        }
    }

    @Test func deterministicRunHasWavesSheetEqualToWavesCSV() throws {
        let run = try run()
        let workbook = try #require(run.workbook)
        #expect(workbook.tableSheetNames().last == ["Waves"])
        let csv = try #require(run.file(named: "waves.csv"))
        #expect(workbook.tables.last?.csv == csv)
        #expect(workbook.tables.last?.keyColumns == 3, "variant, wave, year frozen")
        let url = folder.url.appendingPathComponent("report.xlsx")
        try workbook.write(to: url)
        let cells = try sheetCells("Waves", of: url)
        #expect(cells.count == 1 + 2 * 10)
        #expect(cells == csvCells(csv))
        #expect(cells[4] == ["reform", "expand", "2029", "1", "0"], "reform adopts in 2029 (row 5: its fourth year)")
    }

    @Test func deterministicWaveChartsStepInTheDecisionYear() throws {
        let charts = try #require(try run().workbook).charts.suffix(2)
        let adopted = try #require(charts.first), abandoned = try #require(charts.last)
        #expect(adopted.title == "Roll-out waves: adopted by each year (1 = adopted)")
        #expect(abandoned.title == "Roll-out waves: abandoned by each year (1 = abandoned)")
        #expect(adopted.categories == (2026...2035).map(String.init))
        #expect(adopted.series.map(\.name) == ["reform, wave expand", "no-effort, wave expand"])
        let never: [Double?] = Array(repeating: 0, count: 10)
        let from2029: [Double?] = [0, 0, 0] + Array(repeating: 1, count: 7)
        #expect(adopted.series.map(\.values) == [from2029, never])
        #expect(abandoned.series.map(\.values) == [never, from2029])
        #expect(adopted.kind == .line && adopted.valueMinimum == 0 && adopted.valueMaximum == 1)
    }

    @Test func chineseMonteCarloSheetAndChartsFollowWavesCSV() throws {
        let run = try run(paths: 40, chinese: true)
        let workbook = try #require(run.workbook)
        #expect(workbook.tableSheetNames().last == ["推开批次"])
        let url = folder.url.appendingPathComponent("report-zh.xlsx")
        try workbook.write(to: url)
        let cells = try sheetCells("推开批次", of: url)
        #expect(cells.first == ["方案", "推开批次", "年份", "已推开比例", "已放弃比例"])
        let csv = try #require(run.file(named: "waves.csv"))
        #expect(cells == csvCells(csv), "the translated folder file, cell for cell")
        let rows = CSVRecords.all(csv).dropFirst()
        let adopted = try #require(workbook.charts.first { $0.title == "各推开批次：截至各年已推开的路径比例" })
        #expect(adopted.series.map(\.name) == ["改革方案：批次 expand", "no-effort：批次 expand"])
        #expect(adopted.series[0].values == rows.filter { $0[0] == "reform" }.map { Double($0[3]) })
        #expect(adopted.valueAxis == "路径比例")
        // Every path decides by the 2031 deadline: adopted + abandoned = 1 from 2031 on.
        let abandoned = try #require(workbook.charts.last)
        for (a, b) in zip(adopted.series[1].values.suffix(5), abandoned.series[1].values.suffix(5)) {
            #expect(abs(a! + b! - 1) < 1e-9)
        }
    }

    @Test func runsWithoutWavesAndHeaderOnlyShardsHaveNoWavesSheet() throws {
        let plain = try #require(try run("scenarios/siming-pilot.yaml").workbook)
        #expect(!plain.tables.map(\.file).contains("waves.csv"))
        #expect(!plain.charts.contains { $0.title.hasPrefix("Roll-out waves") })
        var book = plain
        let charts = book.charts.count
        let loaded = try ScenarioLoader().load(Repository.path("scenarios/siming-rollout.yaml"))
        book.addWaves(csvs: ["waves.csv": Data("variant,wave,year,adopted_share,abandoned_share\n".utf8)], scenario: loaded.scenario, monteCarlo: true)
        #expect(book.tables.count == plain.tables.count && book.charts.count == charts)
        // Nothing abandoned: the adopted chart alone.
        let csv = "variant,wave,year,adopted_share,abandoned_share\nreform,expand,2026,0.5,0\nreform,expand,2027,0.75,0\n"
        book.addWaves(csvs: ["waves.csv": Data(csv.utf8)], scenario: loaded.scenario, monteCarlo: true)
        #expect(book.charts.count == charts + 1)
        #expect(book.charts.last?.series.map(\.values) == [[0.5, 0.75] + Array(repeating: nil, count: 8)])
    }
}
