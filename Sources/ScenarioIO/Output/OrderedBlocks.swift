import Dispatch
import Foundation

/// Blocks of a table rendered concurrently and handed on in file order as each is ready (流水线):
/// the first blocks are being written while later ones are still rendered, no block waits for
/// the whole table, and the bytes do not depend on scheduling.
enum OrderedBlocks {
    /// Renders blocks `0..<count` with `render` on the worker threads and hands each to `sink` in
    /// order on the calling thread; returns once every block is rendered, also when `sink` throws.
    /// A block is rendered only once the block `ahead` places before it has gone to `sink`, so
    /// that a slow disk does not leave the whole table in memory.
    static func render(
        count: Int, ahead: Int, _ render: @escaping @Sendable (Int) -> Data, into sink: (Data) throws -> Void
    ) rethrows {
        let slots = Slots(count: count)
        let finished = DispatchSemaphore(value: 0)
        // A thread of its own, which takes part in the rendering, so that the rendering never
        // waits for a free thread of the shared pool (the caller may be one of them).
        let renderer = Thread {
            // Workers take the blocks in increasing order, so the next block to write is soon
            // ready, and never waits for room: every block before it has been rendered.
            DispatchQueue.concurrentPerform(iterations: count) { b in
                slots.waitForRoom(b, ahead: ahead)
                slots.store(render(b), at: b)
            }
            finished.signal()
        }
        renderer.start()
        defer {
            slots.stopWaiting()
            finished.wait()
        }
        for b in 0..<count { try sink(slots.take(b)) }
    }

    /// Rendered blocks not yet handed on.
    private final class Slots: @unchecked Sendable {
        private var blocks: [Data?]
        /// Blocks handed on so far (all of them once the writer stops early).
        private var handed = 0
        private let ready = NSCondition()

        init(count: Int) { blocks = Array(repeating: nil, count: count) }

        func store(_ block: Data, at index: Int) {
            ready.lock()
            blocks[index] = block
            ready.broadcast()
            ready.unlock()
        }

        /// Block `index`, once rendered; its slot is emptied (the block is written only once).
        func take(_ index: Int) -> Data {
            ready.lock()
            defer { ready.unlock() }
            while blocks[index] == nil { ready.wait() }
            let block = blocks[index]!
            blocks[index] = nil
            handed = max(handed, index + 1)
            ready.broadcast()
            return block
        }

        /// Waits until block `index` may be rendered: the one `ahead` places before it is handed on.
        func waitForRoom(_ index: Int, ahead: Int) {
            ready.lock()
            defer { ready.unlock() }
            while handed + ahead <= index { ready.wait() }
        }

        /// No more blocks are taken (the sink threw): the rest render without waiting.
        func stopWaiting() {
            ready.lock()
            handed = blocks.count
            ready.broadcast()
            ready.unlock()
        }
    }
}
