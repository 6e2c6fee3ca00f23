import FiscalModel
import Foundation
import ScenarioIO
import Testing

@Suite("datapackage.json describes every CSV (Frictionless Table Schema)")
struct DataPackageTests {
    @Test func everyColumnIsDescribedWithItsType() throws {
        let loaded = try #require(loadScenario(Repository.path("scenarios/siming-pilot.yaml")))
        let files = try RunWriter(loaded: loaded).files(for: Simulation(loaded.scenario).runDeterministic())
        #expect(files.map(\.name) == ["units.csv", "districts.csv", "comparison.csv", "groups.csv", "brief.csv", "run.json", "datapackage.json"])
        let package = try #require(
            try JSONSerialization.jsonObject(with: files.last!.data) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.map { $0["path"] as? String } == ["units.csv", "districts.csv", "comparison.csv", "groups.csv", "brief.csv"])
        for (resource, file) in zip(resources, files) {
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            let header = ParsedCSV(String(decoding: file.data, as: UTF8.self)).header
            #expect(fields.map { $0["name"] as? String } == header, "\(file.name): fields differ from the header")
            let types = Dictionary(uniqueKeysWithValues: fields.map { ($0["name"] as! String, $0["type"] as! String) })
            #expect(types["variant"] == "string")
            guard file.name != "brief.csv" else {
                #expect(types["worst_year"] == "integer" && types["present_value"] == "number" && types["loss_years"] == "string")
                continue
            }
            #expect(types["year"] == "integer")
            guard types["tax"] != nil else { continue }  // comparison.csv has no tax column
            #expect(types["tax"] == "number")
            let tax = fields.first { $0["name"] as? String == "tax" }
            #expect(tax?["unit"] as? String == "CNY 万元")
        }
        let units = try #require(resources.first?["schema"] as? [String: Any])
        #expect(units["primaryKey"] as? [String] == ["variant", "district", "unit", "year"])
        let meta = try #require(package["fiscal_sim"] as? [String: Any])
        #expect(meta["scenario_sha256"] as? String == loaded.sha256)
    }
}
