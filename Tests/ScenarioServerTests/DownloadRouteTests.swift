import Foundation
import ScenarioIO
import ScenarioServer
import Testing
import Yams

/// "Download" and "Save scenario" (model.md §21): the ZIP holds the run folder of `fiscal-sim run
/// --xlsx` of the saved scenario, file for file; the saved scenario is the served file with the
/// changes as a variant's `set`, its comments kept.
@Suite struct DownloadRouteTests {
    /// The stored entries of a ZIP (name → bytes), read independently of `ZipArchive`.
    static func entries(_ zip: Data) -> [(String, Data)] {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var entries: [(String, Data)] = []
        var at = 0
        while at + 30 <= bytes.count, u32(at) == 0x0403_4B50 {
            let size = u32(at + 18), nameLength = u16(at + 26), extra = u16(at + 28)
            let name = String(decoding: bytes[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
            let start = at + 30 + nameLength + extra
            entries.append((name, Data(bytes[start..<(start + size)])))
            at = start + size
        }
        return entries
    }

    @Test func theZipIsTheRunFolderOfTheSavedScenario() async throws {
        let folder = try TemporaryFolder()
        try await withServer { client in
            let query = "variant=include-village&rebate.bands.0.rate=0.25&rollout.default=2028"
            let answer = try await client.get("/api/download?\(query)")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "application/zip")
            #expect(answer.headers[.contentDisposition]?.contains("siming-pilot-what-if.zip") == true)
            let run = try cliRun(try await savedScenario(client, query: query, in: folder), in: folder, options: RunWriter.Options(workbook: true))
            let zipped = Self.entries(answer.body)
            #expect(zipped.map(\.0) == run.entries.map { "siming-pilot-what-if/\($0.name)" })
            for (name, data) in zipped where !name.hasSuffix(".xlsx") {
                #expect(run.file(named: String(name.split(separator: "/").last!)) == data, "\(name)")
            }
            // The workbook: the bytes libxlsxwriter writes for the same run.
            if let workbook = run.workbook, let zippedWorkbook = zipped.first(where: { $0.0.hasSuffix("report.xlsx") })?.1 {
                let path = folder.url.appendingPathComponent("report.xlsx")
                try workbook.write(to: path)
                #expect(try Data(contentsOf: path) == zippedWorkbook, "report.xlsx")
            }
            // run.json names the scenario as the planner runs it (scenarios/siming-pilot-what-if.yaml).
            let manifest = zipped.first { $0.0.hasSuffix("run.json") }.map { String(decoding: $0.1, as: UTF8.self) } ?? ""
            #expect(manifest.contains("\"scenario\" : \"scenarios/siming-pilot-what-if.yaml\""))
            #expect(manifest.contains("\"what-if\""))
            #expect(zipped.contains { $0.0.hasSuffix("report.xlsx") && $0.1.starts(with: [0x50, 0x4B]) })
            // Chinese headers with lang=zh, as `--lang zh`.
            let chinese = Self.entries(try await client.get("/api/download?\(query)&lang=zh").body)
            let header = chinese.first { $0.0.hasSuffix("districts.csv") }.map { String(decoding: $0.1.prefix(80), as: UTF8.self) } ?? ""
            #expect(header.contains("方案"))
        }
    }

    @Test func theSavedScenarioKeepsTheFileAndAddsTheVariant() async throws {
        try await withServer { client in
            let answer = try await client.get("/api/download?variant=linked-1-0.3&rebate.capPerUnit=2500&format=yaml")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("application/yaml") == true)
            let text = answer.text
            let original = String(decoding: PackageResourcesProbe.shippedScenario, as: UTF8.self)
            #expect(text.hasPrefix(original.trimmingCharacters(in: .newlines)), "the file as written, comments included, comes first")
            let tree = try #require(try Yams.load(yaml: text) as? [String: Any])
            let variants = try #require(tree["variants"] as? [[String: Any]])
            #expect(variants.map { $0["name"] as? String } == ["rebate-50", "fast-rollout", "rolling-base", "include-village", "linked-1-0.3", "what-if"])
            let added = try #require(variants.last)
            #expect(added["name"] as? String == "what-if")
            let set = try #require(added["set"] as? [String: Any])
            // The starting variant's entries, then the change.
            #expect(set.keys.sorted() == ["rebate", "rebate.capPerUnit"])
            #expect(set["rebate.capPerUnit"] as? Int == 2500)
        }
    }
}

/// The shipped scenario's bytes, as the server reads them.
enum PackageResourcesProbe {
    static var shippedScenario: Data { (try? Data(contentsOf: URL(fileURLWithPath: Repository.path("scenarios/siming-pilot.yaml")))) ?? Data() }
}
