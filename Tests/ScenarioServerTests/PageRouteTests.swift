import Foundation
import ScenarioServer
import Testing

/// The page and its document (model.md §21): no inline script or style, hostile names arrive as
/// escaped JSON text, the OpenAPI document lists every route.
@Suite struct PageRouteTests {
    @Test func thePageHasNoInlineScriptOrStyle() async throws {
        try await withServer { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = page.text
            #expect(html.contains("<script type=\"module\" src=\"/assets/app.js\"></script>"))
            #expect(html.range(of: #"<script(?![^>]*\bsrc=)[^>]*>"#, options: .regularExpression) == nil, "a script without src")
            #expect(html.range(of: #"\s(on[a-z]+|style)\s*="#, options: .regularExpression) == nil, "an inline handler or style")
            #expect(html.range(of: "<style", options: .caseInsensitive) == nil)
            let script = try await client.get("/assets/app.js")
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(!script.text.contains("innerHTML"), "data is only ever set as text")
            #expect(!script.text.contains("eval("))
        }
    }

    @Test func hostileNamesAreEscapedJSONText() async throws {
        let folder = try TemporaryFolder()
        let hostile = "<img src=x onerror=alert(1)>"
        let csv = try String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8)
            .replacingOccurrences(of: "厦港", with: hostile.replacingOccurrences(of: "1", with: "2"))
        try folder.write("data/siming-streets.csv", Data(csv.utf8))
        let yaml = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "name: 思明区", with: "name: \"\(hostile)\"")
        let path = try folder.write("hostile.yaml", Data(yaml.utf8))
        let served = try ServedScenario(path: path)
        try await withServer(served) { client in
            let scenario = try await client.get("/api/scenario")
            #expect(scenario.json["districts"]?.items.first?["name"] == .string(hostile))
            #expect(!scenario.text.contains("<img"), "'<' travels as \\u003c")
            let run = try await client.post("/api/run", "{}")
            #expect(run.status == .ok)
            #expect(!run.text.contains("<img"))
        }
    }

    @Test func theOpenAPIDocumentListsEveryRoute() async throws {
        try await withServer { client in
            let document = try await client.get("/api/openapi.json").json
            #expect(document["openapi"] == .string("3.0.3"))
            guard case .object(let paths)? = document["paths"] else {
                Issue.record("no paths")
                return
            }
            #expect(Set(paths.map(\.0)) == ["/api/scenario", "/api/run", "/api/sweep", "/api/jobs", "/api/jobs/{id}", "/api/download", "/api/openapi.json"])
            let statuses = paths.flatMap { _, item -> [String] in
                guard case .object(let operations) = item else { return [] }
                return operations.flatMap { _, operation -> [String] in
                    guard case .object(let answers)? = operation["responses"] else { return [] }
                    return answers.map(\.0)
                }
            }
            #expect(Set(statuses) == ["200", "202", "400", "404", "413", "429"])
        }
    }
}
