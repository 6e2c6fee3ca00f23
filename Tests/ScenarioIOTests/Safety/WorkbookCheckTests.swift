import FiscalModel
import Foundation
@testable import ScenarioIO
import Testing

/// Issue 23, item 2: a written workbook is re-read before the folder is swapped in; a cut or
/// damaged package is an error naming the part, and the previous folder stays.
@Suite("Workbook package check (issue 23)")
struct WorkbookCheckTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// A zip package of `parts` stored without compression (name → text), as a test builds it.
    static func storedZip(_ parts: [(String, String)], crcOffset: UInt32 = 0) -> Data {
        var out = Data(), directory = Data()
        func le(_ value: UInt32, _ bytes: Int, into data: inout Data) {
            for i in 0..<bytes { data.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
        }
        for (name, text) in parts {
            let body = Data(text.utf8), offset = UInt32(out.count), crc = crc32(body) &+ crcOffset
            for (data, signature) in [(0, UInt32(0x0403_4b50)), (1, UInt32(0x0201_4b50))] {
                var header = Data()
                le(signature, 4, into: &header)
                if data == 1 { le(20, 2, into: &header) }
                for value in [20, 0, 0, 0, 0] as [UInt32] { le(value, 2, into: &header) }  // version, flags, method 0, time, date
                le(crc, 4, into: &header)
                le(UInt32(body.count), 4, into: &header)
                le(UInt32(body.count), 4, into: &header)
                le(UInt32(name.utf8.count), 2, into: &header)
                le(0, 2, into: &header)
                if data == 1 {
                    for value in [0, 0, 0] as [UInt32] { le(value, 2, into: &header) }  // comment, disk, internal
                    le(0, 4, into: &header)
                    le(offset, 4, into: &header)
                }
                header.append(Data(name.utf8))
                if data == 0 { out.append(header + body) } else { directory.append(header) }
            }
        }
        var end = Data()
        le(0x0605_4b50, 4, into: &end)
        le(0, 4, into: &end)
        le(UInt32(parts.count), 2, into: &end)
        le(UInt32(parts.count), 2, into: &end)
        le(UInt32(directory.count), 4, into: &end)
        le(UInt32(out.count), 4, into: &end)
        le(0, 2, into: &end)
        return out + directory + end
    }

    /// CRC-32 (IEEE), bit by bit.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    func check(_ data: Data) throws {
        let url = folder.url.appendingPathComponent("report.xlsx")
        try data.write(to: url)
        try XlsxPackageCheck.verify(url)
    }

    @Test func aRealWorkbookPasses() throws {
        var loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        loaded.scenario.paths = 1
        let run = try ScenarioRun(loaded, options: RunWriter.Options(workbook: true), threads: 1)
        let url = folder.url.appendingPathComponent("report.xlsx")
        try #require(run.workbook).write(to: url)
        try XlsxPackageCheck.verify(url)
        let parts = try XlsxPackageCheck.centralDirectory(try Data(contentsOf: url), name: "report.xlsx")
        #expect(parts.filter { $0.name.hasPrefix("xl/worksheets/sheet") }.count >= 5)
        #expect(parts.allSatisfy { $0.method == 8 })
        // The same bytes cut anywhere fail.
        let data = try Data(contentsOf: url)
        for cut in [data.count - 1, data.count - 30, data.count / 2, 100] {
            #expect(throws: WorkbookError.self, "cut at \(cut)") { try check(data.prefix(cut)) }
        }
    }

    @Test func aWorksheetCutShortIsNamed() throws {
        let whole = [("xl/workbook.xml", "<workbook></workbook>"), ("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")]
        try check(Self.storedZip(whole))
        let cut = [whole[0], ("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"")]
        do {
            try check(Self.storedZip(cut))
            Issue.record("a cut worksheet passed")
        } catch {
            #expect("\(error)".contains("the part xl/worksheets/sheet1.xml does not end with </worksheet>"), "\(error)")
        }
        #expect(throws: WorkbookError.self) { try check(Self.storedZip(whole, crcOffset: 1)) }
        #expect(throws: WorkbookError.self) { try check(Self.storedZip([("docProps/app.xml", "<Properties/>")])) }  // no worksheet
        #expect(throws: WorkbookError.self) { try check(Data()) }
    }

    @Test func aWorkbookThatCannotBeWrittenKeepsThePreviousFolder() throws {
        var loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        loaded.scenario.paths = 1
        let target = folder.url.appendingPathComponent("run")
        try RunWriter(loaded: loaded).write(Simulation(loaded.scenario).runDeterministic(), to: target)
        let before = try #require(snapshot(target))
        let entries: [RunFolder.Entry] = [
            .file(name: "units.csv", data: Data("new".utf8)),
            .produced(name: "report.xlsx") { url in try Self.storedZip([("xl/worksheets/sheet1.xml", "<worksheet>")]).write(to: url); try XlsxPackageCheck.verify(url) },
        ]
        #expect(throws: RunFolder.WriteError.self) { try RunFolder(target).write(entries) }
        #expect(snapshot(target) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["run"])
    }
}
