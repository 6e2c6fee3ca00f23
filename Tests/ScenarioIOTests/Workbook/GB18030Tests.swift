import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 11, item 6: a units CSV that Excel on Chinese Windows saved as "CSV" (GB18030/GBK, no
/// BOM, CRLF) is decoded, noted and recorded; anything else that is not UTF-8 is refused as before.
/// The files are made by `iconv -t GB18030` (Tests/fixtures/gb18030/make.sh).
@Suite("GB18030 input (Excel's CSV on Chinese Windows)")
struct GB18030Tests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let fixtures = Repository.path("Tests/fixtures/gb18030")

    /// The shipped Siming scenario with its units file replaced by `units`.
    func siming(units: String) throws -> String {
        let text = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        #expect(text.contains("units: data/siming-streets.csv"))
        return try folder.write("s.yaml", text.replacingOccurrences(of: "units: data/siming-streets.csv", with: "units: \(units)"))
    }

    @Test func simingUnitsSavedAsGB18030RunLikeTheUTF8File() throws {
        let gb = "\(Self.fixtures)/siming-streets.gb18030.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gb))
        #expect(String(data: bytes, encoding: .utf8) == nil, "the fixture must not be UTF-8")
        #expect(bytes.prefix(2) == Data("id".utf8), "no byte-order mark")
        #expect(bytes.contains(0x0D), "CRLF line ends")
        let loaded = try #require(loadScenario(try siming(units: gb)))
        let reference = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        #expect(loaded.scenario.units.map(\.name) == reference.scenario.units.map(\.name))
        #expect(loaded.scenario.units.map(\.name).contains("厦港"))
        #expect(loaded.inputEncodings == [gb: "GB18030"])
        let notes = loaded.warnings.filter { $0.severity == .note }
        #expect(notes.count == 1)
        #expect(notes.first?.description.hasPrefix("\(gb): note: read as GB18030") == true)
        let files = try RunWriter(loaded: loaded).files(for: Simulation(loaded.scenario).runDeterministic())
        let expected = try RunWriter(loaded: reference).files(for: Simulation(reference.scenario).runDeterministic())
        #expect(files.first { $0.name == "units.csv" }?.data == expected.first { $0.name == "units.csv" }?.data)
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try #require(files.first { $0.name == "run.json" }?.data))
        #expect(manifest.inputEncodings == [gb: "GB18030"])
        let plain = try JSONDecoder().decode(RunManifest.self, from: try #require(expected.first { $0.name == "run.json" }?.data))
        #expect(plain.inputEncodings == nil)
    }

    @Test func historyForCalibrationSavedAsGB18030IsReadWithANote() throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        let path = "\(Self.fixtures)/history.gb18030.csv"
        var notes: [Diagnostic] = []
        let history = try HistoryReader().read(path, for: loaded.scenario, notes: &notes)
        #expect(history.units.first { $0.id == "xiagang" }?.tax == [2024: 8500])
        #expect(notes.map(\.severity) == [.note])
        #expect(notes.first?.file == path)
    }

    @Test func fourByteSequencesAreDecoded() throws {
        let table = try CSVTable.parse(
            try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixtures)/rare-names.gb18030.csv")), file: "rare.csv")
        #expect(table.encoding == "GB18030")
        #expect(table.header == ["id", "name", "district", "tags", "tax", "allocation"])
        #expect(table.rows.map { $0.fields[1] } == ["𠮷街道", "鼓浪屿€"])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func utf8IsReadAsUTF8() throws {
        let table = try CSVTable.parse(Data("id,name\na,甲\n".utf8), file: "u.csv")
        #expect(table.encoding == nil)
        #expect(table.rows.first?.fields == ["a", "甲"])
    }

    @Test(arguments: [
        [0x61, 0x2C, 0xFF, 0x0A] as [UInt8],  // 0xFF is no GB18030 lead byte
        [0x61, 0x2C, 0x80, 0x0A],  // nor is 0x80
        [0x61, 0x2C, 0xE9, 0x2C, 0x62, 0x0A],  // Latin-1 é before a comma: no trail byte
        [0x61, 0x2C, 0xB9],  // a lead byte cut off at the end
    ])
    func undecodableBytesAreStillRefused(_ tail: [UInt8]) throws {
        let data = Data("id,name\n".utf8) + Data(tail)
        #expect(GB18030Text.decode(data) == nil)
        do {
            _ = try CSVTable.parse(data, file: "bad.csv")
            Issue.record("bytes \(tail) were accepted")
        } catch {
            #expect(error.description.contains("bad.csv:2: error: the file is not UTF-8 text"), "\(error)")
        }
    }
}
