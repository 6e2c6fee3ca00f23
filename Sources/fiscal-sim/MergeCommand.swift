import ArgumentParser
import Foundation
import ScenarioIO

/// `fiscal-sim merge SHARD_DIR... [--out DIR]`: the shards of a sharded run or sweep into the
/// folder the unsharded command writes (model.md §16).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard folders of a sharded run or sweep into the unsharded command's folder, byte for byte."
    )

    @Argument(help: "The shard folders (every shard 0…K−1 of one job, each once, in any order).")
    var shards: [String]

    @Option(help: "The merged folder (default: the unsharded command's, out/<name>/ or out/<name>-sweep/).")
    var out: String?

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard folders to merge, e.g. fiscal-sim merge out/x-shard-*-of-3") }
    }

    func run() throws {
        let merge = ShardMerge(shards)
        let job = try merge.check()
        let folder = try OutputTarget(
            out: out, default: job.defaultFolder, inputs: shards.map { ($0 as NSString).appendingPathComponent("shard.json") }).folder
        try merge.write(job, to: folder)
        print("Merged \(shards.count) shards into \(out ?? job.defaultFolder)/ (\(job.fileNames.joined(separator: ", ")))")
    }
}
