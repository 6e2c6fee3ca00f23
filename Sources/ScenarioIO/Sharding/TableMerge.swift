import Foundation

/// Merges the shards' copies of one CSV into the table the unsharded command writes, streaming.
///
/// A shard's rows come in blocks that share their first field — a variant in a run, a point in
/// a sweep — and the unsharded table is the shards' blocks taken in turn: block 1 of shard 0,
/// block 1 of shard 1, …, block 2 of shard 0, … (a shard without rows has no blocks). For a run
/// round r is variant r, whose districts the shards hold in contiguous declared order; for a
/// sweep shard I holds points I+1, I+1+K, …, so round r gives points rK+1 … rK+K. Memory is a
/// read buffer per shard and one write buffer, whatever the tables' size.
enum TableMerge {
    /// Why the tables cannot be merged.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Merges `paths` (in shard order) into a new file at `destination`; returns its data rows.
    @discardableResult
    static func merge(_ paths: [String], into destination: String) throws -> Int {
        let readers = try paths.map { try LineReader(path: $0) }
        let headers = try readers.map { try $0.next() }
        guard let header = headers.first ?? nil, headers.allSatisfy({ $0?.elementsEqual(header) == true }) else {
            throw Problem(description: "the shards' \((destination as NSString).lastPathComponent) headers differ")
        }
        let writer = try LineWriter(path: destination)
        try writer.write(header)
        var pending = try readers.map { try $0.next() }
        var rows = 0
        while pending.contains(where: { $0 != nil }) {
            for shard in readers.indices {
                guard let first = pending[shard] else { continue }
                let key = CSVRecords.firstField(first)
                while let line = pending[shard], CSVRecords.firstField(line).elementsEqual(key) {
                    try writer.write(line)
                    rows += 1
                    pending[shard] = try readers[shard].next()
                }
            }
        }
        try writer.close()
        return rows
    }
}
