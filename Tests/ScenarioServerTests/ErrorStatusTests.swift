import Foundation
import ScenarioServer
import Testing

/// Every error status of the API (model.md §21): 400 with `{"errors": [{path, message}]}`, 404, 413,
/// 429 — never a 500 — and the page's security headers on every answer.
@Suite struct ErrorStatusTests {
    @Test func malformedBodiesAre400sNamingTheField() async throws {
        try await withServer { client in
            let cases: [(String, String, String)] = [
                ("/api/run", "not json", ""),
                ("/api/run", "[1, 2]", ""),
                ("/api/run", #"{"variant": 3}"#, "variant"),
                ("/api/run", #"{"variant": "nope"}"#, "variant"),
                ("/api/run", #"{"set": [1]}"#, "set"),
                ("/api/run", #"{"set": {"rebate.bands.0.rate": {"a": 1}}}"#, "set.rebate.bands.0.rate"),
                ("/api/run", #"{"set": {"rebate.bands.0.rate": [{"year": 2026}]}}"#, "set.rebate.bands.0.rate"),
                ("/api/run", #"{"set": {"nosuch.path": 1}}"#, "set.nosuch.path"),
                ("/api/run", #"{"paths": 3}"#, "paths"),
                ("/api/jobs", #"{"paths": 1}"#, "paths"),
                ("/api/jobs", #"{"paths": 2.5}"#, "paths"),
                ("/api/jobs", #"{}"#, "paths"),
                ("/api/jobs", #"{"paths": 10, "seed": -1}"#, "seed"),
                ("/api/sweep", #"{"lever": "rebate.bands.0.rate", "from": 0.2, "to": 0.4, "points": 51}"#, "points"),
                ("/api/sweep", #"{"lever": "no.such.lever", "from": 0, "to": 1}"#, "lever"),
                ("/api/sweep", #"{"lever": "rollout.default", "from": 2026, "to": 2030, "points": 4}"#, "points"),
            ]
            for (route, body, path) in cases {
                let answer = try await client.post(route, body)
                #expect(answer.status == .badRequest, "\(route) \(body): \(answer.status)")
                #expect(answer.errors.first?.path == path, "\(route) \(body): \(answer.text)")
                #expect(answer.errors.allSatisfy { !$0.message.isEmpty })
            }
        }
    }

    @Test func aBodyOver64KiBIs413() async throws {
        try await withServer { client in
            let padding = String(repeating: " ", count: 64 * 1024)
            let answer = try await client.post("/api/run", "{\(padding)}")
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errors.first?.message.contains("64 KiB") == true)
            let fits = try await client.post("/api/run", "{\(String(repeating: " ", count: 60 * 1024))}")
            #expect(fits.status == .ok)
        }
    }

    @Test func unknownJobsAndRoutesAre404s() async throws {
        try await withServer { client in
            #expect(try await client.get("/api/jobs/no-such-job").status == .notFound)
            #expect(try await client.delete("/api/jobs/no-such-job").status == .notFound)
            let route = try await client.get("/api/nothing")
            #expect(route.status == .notFound)
            #expect(route.errors.first?.message.contains("openapi") == true)
            #expect(try await client.get("/assets/../../etc/passwd").status == .notFound)
            #expect(try await client.get("/assets/secret.txt").status == .notFound)
        }
    }

    @Test func everyAnswerCarriesTheContentSecurityPolicy() async throws {
        try await withServer { client in
            for uri in ["/", "/assets/app.js", "/api/scenario", "/api/nothing", "/api/openapi.json"] {
                let answer = try await client.get(uri)
                #expect(answer.headers[.init("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true, "\(uri)")
                #expect(answer.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
            }
        }
    }

    @Test func requestsCannotNameFiles() async throws {
        try await withServer { client in
            // A lever path is a scenario path, never a file: `units` may not be changed by a variant.
            let units = try await client.post("/api/run", #"{"set": {"units": "/etc/passwd"}}"#)
            #expect(units.status == .badRequest)
            #expect(units.errors.first?.path == "set.units")
            let series = try await client.post("/api/run", #"{"set": {"taxSeries": "/etc/passwd"}}"#)
            #expect(series.status == .badRequest)
            let matrix = try await client.post("/api/run", #"{"set": {"growth.correlation.matrix": "/etc/passwd"}}"#)
            #expect(matrix.status == .badRequest, "\(matrix.text.prefix(200))")
        }
    }
}
