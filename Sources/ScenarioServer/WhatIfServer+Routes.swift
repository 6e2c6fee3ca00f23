import FiscalModel
import Foundation
import Hummingbird

/// The routes of the what-if page (model.md §21): exactly the API the document at
/// `/api/openapi.json` describes, and the page's own files.
extension WhatIfServer {
    func addPageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in assets.response(for: "index.html") }
        router.get("/assets/:file") { _, context in
            let name = try context.parameters.require("file")
            guard let response = assets.response(for: name) else { throw ServerError.notFound("no page file '\(name)'") }
            return response
        }
        router.get("/api/openapi.json") { _, _ in
            JSONResponse.make(OpenAPIDocument.json(scenario: served.loaded.scenario.name, maximumPaths: maximumPaths))
        }
    }

    func addAPIRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/scenario") { request, _ in
            let query = try APIRequest.query(request.uri.query ?? "")
            guard query.changes.isEmpty else {
                throw ServerError.badRequest(path: query.changes[0].path, "GET /api/scenario takes only variant and lang")
            }
            let served = self.served, language = self.language, charts = assets.chartAvailable
            return try await Offload.run {
                let levers = try served.levers(variant: query.variant)
                return JSONResponse.make(ScenarioDescription.json(served, variant: query.variant, levers: levers, language: language, chartAvailable: charts))
            }
        }
        router.post("/api/run") { request, _ in
            let body = try await APIRequest.body(of: request, allowed: [])
            let served = self.served
            return try await Offload.run {
                let prepared = try served.prepare(variant: body.variant, changes: body.changes)
                let tables = try served.run(prepared)
                return JSONResponse.make(RunResponse.run(tables, prepared: prepared, precision: served.loaded.scenario.precision))
            }
        }
        router.post("/api/sweep") { request, _ in
            let body = try await APIRequest.body(of: request, allowed: ["lever", "from", "to", "points"])
            let served = self.served, threads = self.threads
            return try await Offload.run {
                let range = try RangeView(body, levers: try served.levers(variant: body.variant))
                let prepared = try served.prepare(variant: body.variant, changes: body.changes.filter { $0.path != range.lever })
                let records = try served.sweep(prepared, grid: range.grid, threads: threads)
                return JSONResponse.make(RunResponse.sweep(records, lever: range.lever, prepared: prepared))
            }
        }
        router.post("/api/jobs") { request, _ in
            let body = try await APIRequest.body(of: request, allowed: ["paths", "seed"])
            let paths = try body.integer("paths", in: 2...maximumPaths, fallback: nil)
            let seed = UInt64(try body.integer("seed", in: 0...(1 << 53), fallback: 1))
            let served = self.served, threads = self.threads
            let prepared = try await Offload.run {
                let prepared = try served.prepare(variant: body.variant, changes: body.changes)
                try served.checkMemory(prepared, paths: paths, threads: threads)
                return prepared
            }
            let answer = try jobs.submit { progress, shouldStop in
                let tables = try served.monteCarlo(prepared, paths: paths, seed: seed, threads: threads, progress: progress, shouldStop: shouldStop)
                return RunResponse.monteCarlo(tables, prepared: prepared, paths: paths, seed: seed)
            }
            return JSONResponse.make(answer, status: .accepted)
        }
        router.get("/api/jobs/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let job = jobs.describe(id) else { throw ServerError.notFound("no Monte Carlo job '\(id)'; jobs are kept while the server runs") }
            return JSONResponse.make(job)
        }
        router.delete("/api/jobs/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let job = jobs.cancel(id) else { throw ServerError.notFound("no Monte Carlo job '\(id)'; jobs are kept while the server runs") }
            return JSONResponse.make(job)
        }
        router.get("/api/download") { request, _ in
            let query = try APIRequest.query(request.uri.query ?? "")
            let served = self.served
            return try await Offload.run {
                let prepared = try served.prepare(variant: query.variant, changes: query.changes)
                let stem = (prepared.loaded.path as NSString).lastPathComponent
                let name = (stem as NSString).deletingPathExtension
                if case .string("yaml")? = query.fields["format"] {
                    return JSONResponse.bytes(Data(prepared.whatIf.text.utf8), type: "application/yaml; charset=utf-8", filename: stem)
                }
                let files = try served.download(prepared, chinese: query.fields["lang"] == .string("zh"))
                do {
                    let zip = try ZipArchive.make(files, folder: name)
                    return JSONResponse.bytes(zip, type: "application/zip", filename: "\(name).zip")
                } catch {
                    throw ServerError.failed("the run folder is too large for a ZIP download; run `fiscal-sim run` on the saved scenario instead")
                }
            }
        }
    }
}
