import Foundation
import ScenarioServer
import Testing

/// The evidence-gated roll-out on the what-if page (issues 19, 20): a wave's thresholds, earliest
/// year and deadline are levers, and moving the threshold moves the decision.
@Suite struct WaveLeverTests {
    static let rollout = try! ServedScenario(path: Repository.path("scenarios/siming-rollout.yaml"))

    @Test func aWavesThresholdsAreLevers() async throws {
        try await withServer(Self.rollout) { client in
            let levers = try await client.get("/api/scenario").json["levers"]?.items ?? []
            func lever(_ path: String) -> JSONValue? { levers.first { $0["path"]?.scalarText == path } }
            #expect(lever("rollout.waves.expand.when.above")?["value"] == .number("1.75"))
            #expect(lever("rollout.waves.expand.when.above")?["label"]?["zh"] == .string("推开批次 expand 推开条件：证据不低于"))
            #expect(lever("rollout.waves.expand.stopWhen.below")?["value"] == .number("-3000"))
            #expect(lever("rollout.waves.expand.deadline")?["value"] == .number("2031"))
            #expect(lever("rollout.waves.expand.when.below") == nil, "only the side the wave sets")
        }
    }

    @Test func anUnreachableThresholdWaitsForTheDeadline() async throws {
        try await withServer(Self.rollout) { client in
            let gated = try await client.post("/api/run", #"{"set": {}}"#)
            let late = try await client.post("/api/run", #"{"set": {"rollout.waves.expand.when.above": 99}}"#)
            #expect(gated.status == .ok && late.status == .ok, "\(late.text.prefix(300))")
            // The non-pilot streets adopt when the wave decides: with a threshold no pilot reaches,
            // at the deadline 2031 (model.md §20), so the what-if's units first adopt later.
            func firstAdoption(_ answer: Answer, unit: String) -> Int? {
                rows(answer.json["units"], variant: "what-if").filter { $0["unit"] == unit && $0["adopted"] == "true" }
                    .compactMap { $0["year"].flatMap(Int.init) }.min()
            }
            let member = "xiagang"
            #expect(firstAdoption(late, unit: member) == 2031)
            #expect((firstAdoption(gated, unit: member) ?? 9999) < 2031)
        }
    }
}
