import Foundation
import HTTPTypes
import Hummingbird

/// Responses of the what-if server with the page's security headers (model.md §21): a
/// Content-Security-Policy of `default-src 'self'` (no inline script or style, nothing from
/// another site), no MIME sniffing, no framing, no referrer, no caching of computed answers.
enum JSONResponse {
    /// The security headers every response carries.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!, "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
    ]

    /// `json` with `status`.
    static func make(_ json: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        bytes(json.data, type: "application/json; charset=utf-8", status: status)
    }

    /// `data` as `type`, optionally offered for download as `filename`.
    static func bytes(_ data: Data, type: String, status: HTTPResponse.Status = .ok, filename: String? = nil, cache: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = cache ? "public, max-age=3600" : "no-store"
        if let filename {
            // ASCII fallback plus the UTF-8 name (RFC 6266), so 思明 names survive.
            let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
            let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._"))) ?? ascii
            headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        }
        for (name, value) in securityHeaders { headers[name] = value }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Renders every failure as the API's JSON errors (model.md §21: never a 500 with a trace) and adds
/// the security headers to every response, the router's own 404/405 included.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return JSONResponse.make(error.json, status: error.status)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound
                ? "no such page or API route: \(request.method) \(request.uri.path); the API is described at /api/openapi.json"
                : error.status.reasonPhrase
            return JSONResponse.make(ServerError(error.status, [.init(path: "", message: message)]).json, status: error.status)
        } catch {
            context.logger.error("request failed: \(String(describing: error))")
            let failure = ServerError.failed("the request failed inside the server; the server's log says why")
            return JSONResponse.make(failure.json, status: failure.status)
        }
    }
}
