import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// `units_quantiles.csv` rendered in blocks on the worker threads while the earlier blocks are
/// written (issue 22, (b')): the same bytes as the table rendered in memory, the blocks in
/// order however long each takes, and never more than a few blocks ahead of the file.
@Suite("Streamed units_quantiles.csv: ordered blocks, the same bytes")
struct StreamedQuantileTableTests {
    struct Stop: Error {}

    /// A value shared with the rendering threads.
    final class Shared<Value>: @unchecked Sendable {
        private var value: Value
        private let lock = NSLock()
        init(_ value: Value) { self.value = value }
        func withLock<T>(_ body: (inout Value) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&value)
        }
    }

    /// Blocks of random rendering times (seeded) reach a slower sink in order, each rendered only
    /// once the block `ahead` places before it has gone to the sink.
    @Test(arguments: [(UInt64(1), 1), (2, 3), (3, 8)])
    func blocksArriveInOrderWithinTheWindow(seed: UInt64, ahead: Int) throws {
        let count = 40
        let delays = (0..<count).map { b -> UInt32 in
            var z = seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(b) &* 0xBF58_476D_1CE4_E5B9
            z ^= z >> 29
            return UInt32(z % 1000)  // microseconds
        }
        let handed = Shared(0)
        let late = Shared<[Int]>([])
        var received: [Int] = []
        OrderedBlocks.render(count: count, ahead: ahead, { b in
            // A block may start once block b − ahead is handed on: the sink has seen b − ahead blocks,
            // or is about to see block b − ahead (taken, not yet passed to the sink).
            if b > handed.withLock({ $0 }) + ahead { late.withLock { $0.append(b) } }
            usleep(delays[b])
            return Data("\(b)\n".utf8)
        }) { block in
            received.append(Int(String(decoding: block.dropLast(), as: UTF8.self))!)
            // A slow disk: rendering runs ahead until the window stops it.
            usleep(1000)
            handed.withLock { $0 += 1 }
        }
        #expect(received == Array(0..<count), "seed \(seed)")
        #expect(late.withLock { $0 }.isEmpty, "seed \(seed), ahead \(ahead): blocks rendered too early")
    }

    /// A sink that fails stops the writing: the error reaches the caller, and the blocks not yet
    /// started are not rendered (none is left waiting for room).
    @Test func aFailingSinkStopsTheWritingAndReturns() {
        let rendered = Shared(0)
        var written = 0
        #expect(throws: Stop.self) {
            try OrderedBlocks.render(count: 30, ahead: 2, { b in
                rendered.withLock { $0 += 1 }
                return Data([UInt8(b)])
            }) { _ in
                written += 1
                if written == 5 { throw Stop() }
            }
        }
        #expect(written == 5)
        // At most the five written, two ahead of them and those the workers had started.
        #expect(rendered.withLock { $0 } <= 5 + 2 + 4, "\(rendered.withLock { $0 }) of 30 blocks rendered")
    }

    /// The folder written from the streamed table holds the bytes of the table in memory, with
    /// and without a byte-order mark and Chinese headers; with a workbook the table is in memory.
    @Test(arguments: [(false, false), (true, true)])
    func writtenFolderHoldsTheTableInMemory(excel: Bool, chinese: Bool) throws {
        let folder = try TemporaryFolder()
        let loaded = try MonteCarloOutputTests.siming(paths: 70)
        let run = try ScenarioRun(loaded, options: RunWriter.Options(excelBOM: excel, chineseHeaders: chinese), threads: 2)
        let units = try #require(run.runFiles.first)
        #expect(units.name == "units_quantiles.csv" && units.isStreamed)
        guard case .monteCarlo(let result) = run.outcome else { Issue.record("not a Monte Carlo run"); return }
        var whole = QuantileTables(scenario: loaded.scenario, result: result).unitsData(bom: excel)
        if chinese { whole = ChineseHeaders.apply((units.name, whole)).data }
        let target = folder.url.appendingPathComponent("out")
        try RunFolder(target).write(run.entries)
        #expect(try Data(contentsOf: target.appendingPathComponent(units.name)) == whole, "excel \(excel) zh \(chinese)")
        #expect(units.data == whole)

        var options = RunWriter.Options(excelBOM: excel, chineseHeaders: chinese, workbook: true)
        options.workbookConstantMemory = true
        let withWorkbook = try ScenarioRun(loaded, options: options, threads: 2)
        #expect(withWorkbook.runFiles.first?.isStreamed == false)
        #expect(withWorkbook.file(named: units.name) == whole)
    }
}
