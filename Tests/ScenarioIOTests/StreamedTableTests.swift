import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// `units.csv` streamed into the staged run folder in chunks (issue 22) must be the very bytes
/// the table renders to in memory, whatever the chunk size, language and byte-order mark.
@Suite("Streamed units.csv: the same bytes as the table rendered in memory (issue 22)")
struct StreamedTableTests {
    /// A scenario of `count` units with fees, donations and a listed variant, its numbers drawn
    /// from `seed` (SplitMix64), written into `folder`.
    static func generated(seed: UInt64, count: Int, in folder: TemporaryFolder) throws -> String {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        func money(_ scale: Double) -> String { String(format: "%.2f", next() * scale) }
        var csv = "id,name,district,tags,tax,allocation,population,green_area,fee_greening\n"
        for i in 0..<count {
            let tag = next() < 0.3 ? "pilot" : ""
            csv += "u\(i),\"Unit \(i), \(["东", "西", "南"][i % 3])\",d\(i % 3),\(tag),\(money(5000)),\(money(900)),"
                + "\(Int(next() * 50_000) + 100),\(money(60)),\(money(150))\n"
        }
        try folder.write("units.csv", csv)
        return try folder.write("s.yaml", """
            name: streamed-\(seed)
            years: {base: 2025, end: 2031}
            precision: 2
            units: units.csv
            districts: [{id: d0, capacity: {maxShareOfRevenue: 0.03}}, {id: d1}, {id: d2, capacity: {maxAmount: 900}}]
            growth: {tax: 0.05}
            rollout: {default: 2027, byTag: {pilot: 2026}}
            rebate: {reference: fixed, bands: [{upTo: 200, rate: 0.3}, {rate: 0.5}], capPerUnit: 1500}
            lineFees:
              - {id: greening, collectedColumn: fee_greening, growth: 0.03, transferShare: 0.7, allocationKey: {green_area: 0.6, population: 0.4}}
            donations:
              reserveShare: 0.1
              allocationKey: {population: 1}
              sources: [{id: firms, amount: {d0: 1700, d1: 2300.33, d2: 999.99}, growth: 0.05}]
            variants: [{name: fast, set: {rollout.default: 2026}}]
            """)
    }

    @Test(arguments: [UInt64(22), 2026, 90_210])
    func streamedRowsAreTheRenderedTable(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        guard let loaded = loadScenario(try Self.generated(seed: seed, count: 40, in: folder)) else { return }
        let tables = ResultTables(scenario: loaded.scenario, result: Simulation(loaded.scenario).runDeterministic())
        let whole = tables.unitsData(bom: true)
        #expect(whole.count > 40 * 6 * 3 * 20, "seed \(seed): the table is too small to test chunking")
        for chunkBytes in [1, 97, 4096, 1 << 20] {
            var streamed = tables.unitsHeader(bom: true)
            var chunks = 0
            tables.unitsRows(chunkBytes: chunkBytes) { chunk in
                #expect(!chunk.isEmpty, "seed \(seed): an empty chunk")
                streamed.append(chunk)
                chunks += 1
            }
            #expect(streamed == whole, "seed \(seed), chunks of \(chunkBytes) bytes")
            if chunkBytes == 1 { #expect(chunks == 40 * 6 * 3, "seed \(seed): one chunk per row") }
        }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func writtenFolderHoldsTheFilesInMemory(excel: Bool, chinese: Bool) throws {
        let folder = try TemporaryFolder()
        guard let loaded = loadScenario(try Self.generated(seed: 7, count: 25, in: folder)) else { return }
        let run = try ScenarioRun(loaded, options: RunWriter.Options(excelBOM: excel, chineseHeaders: chinese))
        #expect(run.runFiles.first?.isStreamed == true, "units.csv is streamed without a workbook")
        let target = folder.url.appendingPathComponent("out")
        try RunFolder(target).write(run.entries)
        for (name, data) in run.files {
            #expect(try Data(contentsOf: target.appendingPathComponent(name)) == data, "\(name) excel \(excel) zh \(chinese)")
        }
        // The workbook reads units.csv, which is then rendered in memory: the same bytes.
        var options = RunWriter.Options(excelBOM: excel, chineseHeaders: chinese, workbook: true)
        options.workbookConstantMemory = true
        let withWorkbook = try ScenarioRun(loaded, options: options)
        #expect(withWorkbook.runFiles.first?.isStreamed == false)
        #expect(withWorkbook.file(named: "units.csv") == run.file(named: "units.csv"))
        #expect(withWorkbook.file(named: "datapackage.json") != nil)
        let header = String(decoding: try #require(run.runFiles.first).firstLine, as: UTF8.self)
        #expect(header.contains(chinese ? "年份" : "year"), "\(header)")
    }

    @Test func progressCountsEveryRowOnceWhenTheFolderIsWritten() throws {
        let folder = try TemporaryFolder()
        guard let loaded = loadScenario(try Self.generated(seed: 11, count: 700, in: folder)) else { return }
        var calls: [(Int, Int)] = []
        let run = try ScenarioRun(loaded, progress: { calls.append(($0, $1)) })
        let simulated = calls.count
        // 700 units × 6 years × 3 variants = 12,600 rows: told at 4096, 8192 and 12,288 rows.
        try RunFolder(folder.url.appendingPathComponent("out")).write(run.entries)
        let total = 2 * 12_600
        #expect(calls.dropFirst(simulated).map(\.0) == [4096, 8192, 12_288].map { total / 2 + $0 })
        #expect(calls.allSatisfy { $0.1 == total })
    }
}
