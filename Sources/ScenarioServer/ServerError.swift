import Hummingbird

/// Every refusal the what-if page's API gives (model.md §21), rendered in one place: a status and
/// `{"errors": [{"path", "message"}]}` — never a 500 with a trace.
public struct ServerError: Error, HTTPResponseError, Sendable {
    /// One problem: the request field or lever path it is about (`""` for the request as a
    /// whole) and what is wrong and what to send instead.
    public struct Problem: Error, Sendable, Equatable {
        /// The field or lever path, e.g. `set.rebate.bands.0.rate` or `paths`.
        public var path: String
        /// The message (the scenario validator's own where it comes from there).
        public var message: String

        /// A problem.
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// What is wrong.
    public let problems: [Problem]

    /// An error with `status` and `problems`.
    public init(_ status: HTTPResponse.Status, _ problems: [Problem]) {
        self.status = status
        self.problems = problems
    }

    /// 400: invalid input.
    public static func badRequest(_ problems: [Problem]) -> ServerError { ServerError(.badRequest, problems) }

    /// 400 with one problem.
    public static func badRequest(path: String, _ message: String) -> ServerError {
        ServerError(.badRequest, [Problem(path: path, message: message)])
    }

    /// 404: no such job (or page).
    public static func notFound(_ message: String) -> ServerError {
        ServerError(.notFound, [Problem(path: "", message: message)])
    }

    /// 413: the body is over the limit.
    public static func tooLarge(limit: Int) -> ServerError {
        ServerError(.contentTooLarge, [Problem(path: "", message: "the request body is larger than \(limit / 1024) KiB; send only the variant and the changed levers")])
    }

    /// 429: the job queue is full.
    public static func tooManyJobs(running: Int, queued: Int) -> ServerError {
        ServerError(.tooManyRequests, [Problem(path: "", message: "the server runs \(running) Monte Carlo job at a time with at most \(queued) waiting, and the queue is full; wait for a job to finish or cancel one (DELETE /api/jobs/{id})")])
    }

    /// 500 without details: something failed that is not the request's fault. The message says
    /// what to do, never how the code failed.
    public static func failed(_ message: String) -> ServerError {
        ServerError(.internalServerError, [Problem(path: "", message: message)])
    }

    /// The JSON body.
    public var json: JSONValue {
        .object([("errors", .array(problems.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) }))])
    }

    /// The response: the status, the JSON body and the page's security headers.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(json, status: status)
    }
}
