import Foundation

/// The Monte Carlo jobs of the what-if page (model.md §21): one runs at a time on its own thread,
/// at most four wait; more is a 429. Each job reports its progress (0…1) and can be cancelled
/// while queued or running (a running job stops before its next projected year).
public final class JobQueue: @unchecked Sendable {
    /// A job's state.
    public enum Status: String, Sendable {
        /// Waiting for the running job.
        case queued
        /// Running.
        case running
        /// Finished; `result` holds the tables.
        case done
        /// Stopped by an error; `errors` say why.
        case failed
        /// Cancelled by `DELETE /api/jobs/{id}`.
        case cancelled
    }

    /// The work of a job: gets a progress callback (done, total) and a stop question; returns
    /// the result JSON.
    public typealias Work = @Sendable (_ progress: @escaping (Int, Int) -> Void, _ shouldStop: @escaping () -> Bool) throws -> JSONValue

    private final class Job: @unchecked Sendable {
        let id: String
        let work: Work
        var status = Status.queued
        var progress = 0.0
        var result: JSONValue?
        var problems: [ServerError.Problem] = []
        var stop = false

        init(id: String, work: @escaping Work) {
            self.id = id
            self.work = work
        }
    }

    /// Jobs that run at once.
    public let running = 1
    /// Jobs that may wait.
    public let queueLimit: Int
    /// Finished jobs kept for `GET` (the oldest are forgotten first).
    public let kept = 100

    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private var order: [String] = []
    private var waiting: [Job] = []
    private var active: Job?

    /// A queue allowing `queueLimit` waiting jobs (model.md §21: four).
    public init(queueLimit: Int = 4) { self.queueLimit = queueLimit }

    /// Adds a job: the answer for `202` (`{"id", "status"}`), or a 429 when the queue is full.
    public func submit(_ work: @escaping Work) throws(ServerError) -> JSONValue {
        lock.lock()
        defer { lock.unlock() }
        if active != nil, waiting.count >= queueLimit {
            throw ServerError.tooManyJobs(running: running, queued: queueLimit)
        }
        let job = Job(id: UUID().uuidString.lowercased(), work: work)
        jobs[job.id] = job
        order.append(job.id)
        forgetOldJobs()
        if active == nil { start(job) } else { waiting.append(job) }
        return .object([("id", .string(job.id)), ("status", .string(job.status.rawValue))])
    }

    /// `{"id", "status", "progress", "result"}` of job `id`, or `nil` if there is none.
    public func describe(_ id: String) -> JSONValue? {
        lock.lock()
        defer { lock.unlock() }
        return jobs[id].map(Self.describe)
    }

    /// Cancels job `id` if it is queued or running; its description, or `nil` if there is none.
    public func cancel(_ id: String) -> JSONValue? {
        lock.lock()
        defer { lock.unlock() }
        guard let job = jobs[id] else { return nil }
        switch job.status {
        case .queued:
            job.status = .cancelled
            waiting.removeAll { $0 === job }
        case .running:
            job.stop = true
            job.status = .cancelled
        default:
            break
        }
        return Self.describe(job)
    }

    private static func describe(_ job: Job) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(job.id)), ("status", .string(job.status.rawValue)),
            ("progress", .double((job.progress * 1000).rounded() / 1000)), ("result", job.result ?? .null),
        ]
        if !job.problems.isEmpty {
            pairs.append(("errors", ServerError(.badRequest, job.problems).json["errors"] ?? .array([])))
        }
        return .object(pairs)
    }

    /// Starts `job` on its own thread (called with the lock held).
    private func start(_ job: Job) {
        active = job
        job.status = .running
        let thread = Thread { [self] in
            let outcome = Result<JSONValue, any Error> {
                try job.work(
                    { done, total in self.locked { job.progress = total > 0 ? Double(done) / Double(total) : 0 } },
                    { self.locked { job.stop } })
            }
            finish(job, outcome)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func finish(_ job: Job, _ outcome: Result<JSONValue, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        if job.status == .running {
            switch outcome {
            case .success(let result):
                job.status = .done
                job.progress = 1
                job.result = result
            case .failure(let error):
                job.status = .failed
                job.problems = ServedScenario.problem(error).problems
            }
        }
        active = nil
        while !waiting.isEmpty {
            let next = waiting.removeFirst()
            if next.status == .queued {
                start(next)
                break
            }
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// Forgets the oldest finished jobs beyond `kept` (called with the lock held).
    private func forgetOldJobs() {
        while order.count > kept, let index = order.firstIndex(where: { [.done, .failed, .cancelled].contains(jobs[$0]?.status) }) {
            jobs[order.remove(at: index)] = nil
        }
    }
}
