import Dispatch
import Foundation

/// Evaluates independent tasks on worker threads and returns their results in task order, so
/// the outcome never depends on the number of threads.
public enum ParallelMap {
    /// `body(0) … body(count − 1)` on up to `threads` threads; `done()` is called after each
    /// task (from any thread, one call at a time).
    public static func run<T: Sendable>(
        _ count: Int, threads: Int, done: (@Sendable () -> Void)? = nil, _ body: @Sendable (Int) -> T
    ) -> [T] {
        let slots = ResultSlots<T>(count: count)
        let workers = max(1, min(threads, count))
        let lock = NSLock()
        if workers == 1 {
            for task in 0..<count {
                slots.store(body(task), at: task)
                done?()
            }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for task in stride(from: worker, to: count, by: workers) {
                    slots.store(body(task), at: task)
                    if let done {
                        lock.lock()
                        done()
                        lock.unlock()
                    }
                }
            }
        }
        return slots.values()
    }
}

/// One slot per task; each is written by exactly one thread.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        slots.deinitialize(count: max(count, 1))
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    func values() -> [T] { (0..<count).map { slots[$0]! } }
}
