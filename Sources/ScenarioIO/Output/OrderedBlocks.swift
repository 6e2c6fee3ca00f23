import Dispatch
import Foundation

/// Blocks of a table rendered concurrently and handed on in file order as each is ready (流水线):
/// the first blocks are being written while later ones are still rendered, no block waits for
/// the whole table, and the bytes do not depend on scheduling.
enum OrderedBlocks {
    /// Renders blocks `0..<count` with `render` on the worker threads and hands each to `sink` in
    /// order on the calling thread. A block is rendered only once the block `ahead` (≥ 1) places
    /// before it has gone to `sink`, so that a slow disk does not leave the whole table in memory.
    /// When `sink` throws, the blocks not yet started are skipped; the error is thrown once no
    /// block is being rendered any more.
    static func render(
        count: Int, ahead: Int, _ render: @escaping @Sendable (Int) -> Data, into sink: (Data) throws -> Void
    ) rethrows {
        precondition(ahead >= 1, "a block must be allowed to render before the one ahead of it is written")
        let slots = Slots(count: count)
        let finished = DispatchSemaphore(value: 0)
        // A thread of its own, which takes part in the rendering, so that the rendering never
        // waits for a free thread of the shared pool (the caller may be one of them).
        let renderer = Thread {
            // Workers take the blocks in increasing order, so the next block to write is soon
            // ready, and never waits for room: every block before it has been rendered.
            DispatchQueue.concurrentPerform(iterations: count) { b in
                guard slots.waitForRoom(b, ahead: ahead) else { return }
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
        /// Blocks handed on so far.
        private var handed = 0
        /// Set when no more blocks will be taken.
        private var stopped = false
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

        /// Waits until block `index` may be rendered, the one `ahead` places before it handed on;
        /// `false` once no more blocks will be taken (the block is then not rendered).
        func waitForRoom(_ index: Int, ahead: Int) -> Bool {
            ready.lock()
            defer { ready.unlock() }
            while !stopped && handed + ahead <= index { ready.wait() }
            return !stopped
        }

        /// No more blocks are taken (all were, or the sink threw): waiting renderers give up.
        func stopWaiting() {
            ready.lock()
            stopped = true
            ready.broadcast()
            ready.unlock()
        }
    }
}
