import FiscalModel
import Foundation
import ScenarioIO
import ScenarioServer
import Testing

/// Monte Carlo jobs (model.md §21): 202 with an id, progress to 1, the result equal to `fiscal-sim
/// run --paths N --seed S` of the saved scenario, cancel while queued or running, one running
/// and four queued (429 beyond), more paths than memory allows a 400 naming `paths`.
@Suite struct JobRouteTests {
    /// Polls job `id` until it is no longer queued or running.
    static func finished(_ client: Client, _ id: String) async throws -> JSONValue {
        for _ in 0..<600 {
            let job = try await client.get("/api/jobs/\(id)").json
            if let status = job["status"]?.scalarText, status != "queued", status != "running" { return job }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("job \(id) did not finish")
        return .null
    }

    @Test func aJobsResultEqualsTheCLIsMonteCarloRun() async throws {
        let folder = try TemporaryFolder()
        try await withServer { client in
            let started = try await client.post("/api/jobs", #"{"set": {"rebate.bands.0.rate": 0.4}, "paths": 200, "seed": 7}"#)
            #expect(started.status == .accepted)
            let id = try #require(started.json["id"]?.scalarText)
            #expect(["queued", "running"].contains(started.json["status"]?.scalarText))
            let job = try await Self.finished(client, id)
            #expect(job["status"] == .string("done"))
            #expect(job["progress"] == .number("1"))
            let run = try cliRun(try await savedScenario(client, query: "rebate.bands.0.rate=0.4", in: folder), in: folder, paths: 200, seed: 7)
            for variant in ["counterfactual", "reform", "what-if"] {
                let served = rows(job["result"]?["districts"], variant: variant)
                #expect(!served.isEmpty && served == csvRows(run, "districts_quantiles.csv", variant: variant), "\(variant)")
            }
            // The totals are a Monte Carlo sweep point of the what-if: its mean reform effect is
            // the mean run's sum over years of the yearly means (equal up to rounding).
            let totals = job["result"]?["totals"]
            let names = totals?["columns"]?.items.compactMap { $0["name"]?.scalarText } ?? []
            let all = (totals?["rows"]?.items ?? []).map { Dictionary(uniqueKeysWithValues: zip(names, $0.items)) }.first { $0["district"] == .string("all") }
            let probability = try #require(all?["prob_reform_effect_negative"]?.scalarText.flatMap(Double.init))
            #expect((0...1).contains(probability))
            let mean = try #require(all?["reform_effect_mean"]?.scalarText.flatMap(Double.init))
            let yearly = csvRows(run, "districts_quantiles.csv", variant: "what-if").filter { $0["metric"] == "reform_effect" }
            let summed = yearly.compactMap { $0["mean"].flatMap(Double.init) }.reduce(0, +)
            #expect(yearly.count == 10 && abs(mean - summed) <= 0.01 * 10, "mean total \(mean) vs Σ yearly means \(summed)")
        }
    }

    @Test func moreJobsThanOneRunningAndFourQueuedIs429() async throws {
        let jobs = JobQueue()
        let gate = Gate()
        try await withServer(jobs: jobs) { client in
            var ids: [String] = []
            for _ in 0..<5 { ids.append(try #require(try jobs.submit { _, _ in gate.wait(); return .null }["id"]?.scalarText)) }
            let refused = try await client.post("/api/jobs", #"{"paths": 20}"#)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errors.first?.message.contains("queue is full") == true)
            // Cancelling a queued job frees its place.
            let cancelled = try await client.delete("/api/jobs/\(ids[4])")
            #expect(cancelled.json["status"] == .string("cancelled"))
            let accepted = try await client.post("/api/jobs", #"{"paths": 20}"#)
            #expect(accepted.status == .accepted)
            #expect(accepted.json["status"] == .string("queued"))
            gate.open()
            let job = try await Self.finished(client, try #require(accepted.json["id"]?.scalarText))
            #expect(job["status"] == .string("done"))
        }
    }

    @Test func aRunningMonteCarloJobStopsWhenCancelled() async throws {
        try await withServer { client in
            // Large enough to run for seconds (about 0.5 GB); cancelled after its first year.
            let started = try await client.post("/api/jobs", #"{"paths": 300000}"#)
            #expect(started.status == .accepted, "\(started.text)")
            let id = try #require(started.json["id"]?.scalarText)
            for _ in 0..<400 {
                let job = try await client.get("/api/jobs/\(id)").json
                if case .number(let progress)? = job["progress"], Double(progress)! > 0 { break }
                try await Task.sleep(nanoseconds: 25_000_000)
            }
            let cancelled = try await client.delete("/api/jobs/\(id)")
            #expect(cancelled.status == .ok)
            #expect(cancelled.json["status"] == .string("cancelled"))
            // The next job starts once the cancelled one has stopped, and finishes.
            let next = try await client.post("/api/jobs", #"{"paths": 50}"#)
            let job = try await Self.finished(client, try #require(next.json["id"]?.scalarText))
            #expect(job["status"] == .string("done"))
            #expect(try await client.get("/api/jobs/\(id)").json["result"] == .null)
        }
    }

    @Test func aStoppedRunThrowsRunStopped() throws {
        var loaded = shipped.loaded
        loaded.scenario.paths = 100
        #expect(throws: RunStopped.self) { try ScenarioRun(loaded, threads: 1, shouldStop: { true }) }
    }

    @Test func morePathsThanMemoryAllowsIsA400NamingPaths() async throws {
        try await withServer(maximumPaths: 1 << 50) { client in
            let answer = try await client.post("/api/jobs", #"{"paths": 100000000000}"#)
            #expect(answer.status == .badRequest)
            #expect(answer.errors.first?.path == "paths")
            #expect(answer.errors.first?.message.contains("memory") == true)
            #expect(answer.errors.first?.message.contains("--paths") == true)
        }
        try await withServer(maximumPaths: 5000) { client in
            let answer = try await client.post("/api/jobs", #"{"paths": 5001}"#)
            #expect(answer.errors.map(\.path) == ["paths"])
            #expect(answer.errors.first?.message.contains("from 2 to 5000") == true)
        }
    }
}

/// A gate jobs wait at until the test opens it.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}
