import Dispatch

/// Runs the CPU-bound part of a request (a projection, a range view, a download) on a
/// Dispatch queue instead of Swift's cooperative thread pool, which also carries the requests'
/// I/O: on a 2-core machine one long run would otherwise hold up every other answer.
enum Offload {
    private static let queue = DispatchQueue(label: "fiscal-sim-serve.runs", qos: .userInitiated, attributes: .concurrent)

    /// The value of `work`, computed on the runs queue.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
