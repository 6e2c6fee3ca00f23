import Foundation
import ScenarioServer
import Testing

/// The range view (model.md §21): `fiscal-sim sweep --variant what-if --grid LEVER=LO:HI:N` of the
/// changed scenario; each point's reform effect equals `POST /api/run` at that value.
@Suite struct SweepRouteTests {
    @Test func eachPointEqualsARunAtThatValue() async throws {
        try await withServer { client in
            let body = #"{"set": {"rollout.default": 2027}, "lever": "rebate.bands.0.rate", "from": 0.2, "to": 0.4, "points": 5}"#
            let answer = try await client.post("/api/sweep", body)
            #expect(answer.status == .ok, "\(answer.text.prefix(300))")
            let table = answer.json["table"]
            let names = table?["columns"]?.items.compactMap { $0["name"]?.scalarText } ?? []
            #expect(names.prefix(4) == ["point", "point_name", "rebate.bands.0.rate", "district"])
            let all = (table?["rows"]?.items ?? []).map { Dictionary(uniqueKeysWithValues: zip(names, $0.items)) }.filter { $0["district"] == .string("all") }
            #expect(all.count == 5)
            #expect(all.first?["rebate.bands.0.rate"] == .string("0.2") || all.first?["rebate.bands.0.rate"] == .number("0.2"))
            #expect(all.last?["rebate.bands.0.rate"]?.scalarText == "0.4")
            for point in all {
                let rate = try #require(point["rebate.bands.0.rate"]?.scalarText)
                let run = try await client.post("/api/run", #"{"set": {"rollout.default": 2027, "rebate.bands.0.rate": \#(rate)}}"#)
                #expect(point["reform_effect"] == run.json["comparison"]?.items.first?["reformEffect"], "rate \(rate)")
            }
        }
    }

    @Test func aYearLeverSweepsWholeYears() async throws {
        try await withServer { client in
            let answer = try await client.post("/api/sweep", #"{"lever": "rollout.byTag.pilot", "from": 2026, "to": 2030, "points": 5}"#)
            #expect(answer.status == .ok, "\(answer.text.prefix(300))")
            #expect(answer.json["table"]?["rows"]?.items.count == 10, "5 points × (siming, all)")
        }
    }
}
