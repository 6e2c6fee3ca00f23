import FiscalModel
import Foundation
import ScenarioIO
import ScenarioServer
import Testing

/// `GET /api/scenario` and `POST /api/run` (model.md §21): the levers as the scenario has them, and
/// every number equal to `fiscal-sim run` of the saved scenario (the changes as a variant).
@Suite struct RunRouteTests {
    @Test func scenarioListsTheLeversWithTheirValues() async throws {
        try await withServer { client in
            let answer = try await client.get("/api/scenario")
            #expect(answer.status == .ok)
            let levers = answer.json["levers"]?.items ?? []
            func lever(_ path: String) -> JSONValue? { levers.first { $0["path"]?.scalarText == path } }
            #expect(lever("rebate.bands.0.rate")?["value"] == .number("0.3"))
            #expect(lever("rebate.bands.0.rate")?["label"]?["zh"] == .string("返还比例（第1档）"))
            #expect(lever("rebate.bands.0.rate")?["bounds"]?["max"] == .number("1"))
            #expect(lever("rebate.bands.1.upTo")?["value"] == .number("2000"))
            #expect(lever("rebate.bands.1.upTo")?["unit"]?["zh"] == .string("万元"))
            #expect(lever("rebate.bands.2.upTo") == nil, "the last band has no upTo")
            #expect(lever("rollout.byTag.pilot")?["value"] == .number("2026"))
            #expect(lever("rollout.byUnit.gulangyu")?["value"] == .number("2030"))
            #expect(lever("districts.siming.capacity.maxShareOfRevenue")?["value"] == .number("0.05"))
            #expect(lever("lineFees.security.transferShare")?["value"]?.items.count == 3, "a step function: a value per year")
            #expect(lever("donations.reserveShare")?["value"] == .number("0.1"))
            #expect(lever("rebate.termYears")?["value"] == .null, "not set: no term")
            #expect(answer.json["variants"]?.items.count == 6)
            // The starting variant fixes the levers: rebate-50 has a single band, linked-1-0.3 no bands.
            let flat = try await client.get("/api/scenario?variant=rebate-50").json["levers"]?.items ?? []
            #expect(flat.filter { $0["path"]?.scalarText?.hasPrefix("rebate.bands.") == true }.count == 1)
            #expect(flat.first { $0["path"]?.scalarText == "rebate.bands.0.rate" }?["value"] == .number("0.5"))
            let linked = try await client.get("/api/scenario?variant=linked-1-0.3").json["levers"]?.items ?? []
            #expect(linked.contains { $0["path"]?.scalarText == "rebate.linked.baseShare" && $0["value"] == .number("0.05") })
        }
    }

    @Test func withoutChangesTheWhatIfIsTheStartingVariant() async throws {
        try await withServer { client in
            let answer = try await client.post("/api/run", #"{"variant": "fast-rollout"}"#)
            #expect(answer.status == .ok)
            let start = rows(answer.json["districts"], variant: "fast-rollout")
            let whatIf = rows(answer.json["districts"], variant: "what-if").map { $0.merging(["variant": "fast-rollout"]) { $1 } }
            #expect(start.count == 10 && start == whatIf)
            let comparison = answer.json["comparison"]?.items.first
            // `fiscal-sim run` prints 52761.94 as fast-rollout's reform effect (2026–2035).
            #expect(comparison?["reformEffect"] == .number("52761.94"))
            #expect(answer.text.contains(#""reformEffectVsStart":0.00,"#), "rounded as in the CSVs")
            #expect(answer.text.contains(#""netRevenueVsStart":0.00,"#))
        }
    }

    @Test func numbersEqualTheCLIRunOfTheSavedScenario() async throws {
        let folder = try TemporaryFolder()
        try await withServer { client in
            let set = #"{"rebate.bands.0.rate": 0.35, "rollout.byTag.pilot": 2027, "districts.siming.capacity.maxShareOfRevenue": 0.06, "lineFees.greening.transferShare": [{"year": 2026, "value": 0.4}, {"year": 2029, "value": 0.9}]}"#
            let answer = try await client.post("/api/run", #"{"variant": "rolling-base", "set": \#(set)}"#)
            #expect(answer.status == .ok, "\(answer.text.prefix(300))")
            let query = "variant=rolling-base&rebate.bands.0.rate=0.35&rollout.byTag.pilot=2027&districts.siming.capacity.maxShareOfRevenue=0.06&lineFees.greening.transferShare=2026:0.4,2029:0.9"
            let run = try cliRun(try await savedScenario(client, query: query, in: folder), in: folder)
            for (table, file) in [("districts", "districts.csv"), ("units", "units.csv")] {
                for variant in ["counterfactual", "rolling-base", "what-if"] {
                    let served = rows(answer.json[table], variant: variant)
                    let written = csvRows(run, file, variant: variant)
                    #expect(!served.isEmpty && served == written, "\(table) rows of \(variant)")
                }
            }
            // The headline figures are the printed summary's (Σ of the rounded yearly cells).
            let records = CSVRecords.all(run.file(named: "districts.csv")!)
            let column = try #require(records.first?.firstIndex(of: "reform_effect"))
            let effect = records.dropFirst().filter { $0.first == "what-if" }.reduce(ScaledAmount.zero) { sum, row in
                sum + ScaledAmount(units: Int128(row[column].replacingOccurrences(of: ".", with: ""))!, precision: 2)
            }
            #expect(answer.text.contains(#""reformEffect":\#(effect.text),"#))
            #expect(effect.text != "20147.10", "the changes change the answer")
        }
    }

    @Test func anInvalidValueNamesItsLeverWithTheValidatorsMessage() async throws {
        try await withServer { client in
            let answer = try await client.post("/api/run", #"{"set": {"rebate.bands.0.rate": 0.3, "rebate.bands.1.rate": 1.5}}"#)
            #expect(answer.status == .badRequest)
            #expect(answer.errors.map(\.path) == ["set.rebate.bands.1.rate"])
            #expect(answer.errors.first?.message.contains("between 0 and 1") == true)
            let order = try await client.post("/api/run", #"{"set": {"rebate.bands.1.upTo": 400}}"#)
            #expect(order.errors.map(\.path) == ["set.rebate.bands.1.upTo"])
            #expect(order.errors.first?.message.contains("upTo must increase") == true)
            let fixed = try await client.post("/api/run", #"{"set": {"paths": 5, "rebate.bands.0.rate": 0.2}}"#)
            #expect(fixed.errors.map(\.path) == ["set.paths"])
        }
    }
}
