import FiscalModel
import Foundation

/// `fiscal-sim merge SHARD_DIR...` (model.md §16): checks that the shard folders form one complete
/// job and writes the folder the unsharded command writes, byte for byte.
public struct ShardMerge {
    /// A checked shard folder.
    struct Folder {
        /// The folder as given.
        let path: String
        /// Its `shard.json`.
        let manifest: ShardManifest

        /// The path of `name` inside the folder.
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    }

    /// The shards of one complete job, in shard order.
    public struct Job {
        let shards: [Folder]
        /// The merged `run.json` (a Monte Carlo run) or `nil` (copied from shard 0).
        let runManifest: RunManifest?
        /// The scenario name.
        public let name: String
        /// The sharded command, `run` or `sweep`.
        public var command: String { shards[0].manifest.command }
        /// The folder the unsharded command writes by default.
        public var defaultFolder: String { command == "sweep" ? "out/\(name)-sweep" : "out/\(name)" }
        /// The names of the files written, in order.
        public var fileNames: [String] { shards[0].manifest.files.map(\.name).filter { $0 != BriefPartials.fileName } }
    }

    /// The shard folders as given.
    public let folders: [String]

    /// A merge of `folders`.
    public init(_ folders: [String]) { self.folders = folders }

    /// Checks the shards: each `shard.json` readable, every job field equal, each I of K present
    /// once, every file matching its recorded SHA-256. Every problem in one pass, each naming its
    /// shard folder.
    public func check() throws(InputError) -> Job {
        var problems: [Diagnostic] = []
        var read: [Folder] = []
        for path in folders {
            let file = (path as NSString).appendingPathComponent("shard.json")
            guard let data = try? InputFile.read(file) else {
                let exists = FileManager.default.fileExists(atPath: path)
                problems.append(Diagnostic(file: path, message: exists
                    ? "not a shard folder: it has no readable shard.json (shard folders are written by run --shard I/K or sweep --shard I/K)"
                    : "no such shard folder; check the path"))
                continue
            }
            do {
                read.append(Folder(path: path, manifest: try JSONDecoder().decode(ShardManifest.self, from: data)))
            } catch {
                problems.append(Diagnostic(file: file, message: "not a fiscal-sim shard manifest: \(DecodingProblem.describe(error)); re-run the shard"))
            }
        }
        // The job: the one most shards agree on (ties: the first given).
        var groups: [(job: ShardManifest, count: Int)] = []
        for folder in read {
            if let g = groups.firstIndex(where: { $0.job == folder.manifest.job }) { groups[g].count += 1 } else { groups.append((folder.manifest.job, 1)) }
        }
        guard let reference = groups.max(by: { $0.count < $1.count })?.job else {
            if problems.isEmpty { problems.append(Diagnostic(file: "merge", message: "no shard folders given")) }
            throw InputError(problems)
        }
        var members: [Folder] = []
        for folder in read {
            let differences = folder.manifest.differences(from: reference)
            if differences.isEmpty, folder.manifest.job == reference {
                members.append(folder)
            } else {
                problems.append(Diagnostic(file: folder.path, message: "foreign shard: it belongs to another job (differs in \(differences.isEmpty ? "its manifest" : differences.joined(separator: ", "))); merge only the shards of one run"))
            }
        }
        var byIndex: [Int: Folder] = [:]
        for folder in members {
            let i = folder.manifest.index
            if let first = byIndex[i] {
                problems.append(Diagnostic(file: folder.path, message: "duplicate shard \(i)/\(reference.count): \(first.path) is shard \(i) too; pass each shard once"))
            } else if i < 0 || i >= reference.count {
                problems.append(Diagnostic(file: folder.path, message: "shard index \(i) is outside 0…\(reference.count - 1)"))
            } else {
                byIndex[i] = folder
            }
        }
        for i in 0..<reference.count where byIndex[i] == nil {
            problems.append(Diagnostic(file: "shard \(i)/\(reference.count)", message: "missing: none of the folders given is shard \(i) of \(reference.count); run it (--shard \(i)/\(reference.count)) and pass its folder too"))
        }
        let shards = (0..<reference.count).compactMap { byIndex[$0] }
        for folder in shards { problems += Self.corruption(in: folder) }
        guard problems.isEmpty else { throw InputError(problems) }
        problems += Self.sameFiles(shards)
        let manifest = Self.runManifest(shards, problems: &problems)
        guard problems.isEmpty else { throw InputError(problems) }
        let name = manifest?.name ?? Self.sweepName(shards[0]) ?? "merged"
        if let problem = FolderName.problem(name) {
            throw InputError([Diagnostic(file: shards[0].file("shard.json"), message: "the scenario name \(QuotedValue.quote(name)) cannot name the merged folder: \(problem); re-run the shards")])
        }
        return Job(shards: shards, runManifest: manifest, name: name)
    }

    /// Files missing or not matching their recorded SHA-256.
    static func corruption(in folder: Folder) -> [Diagnostic] {
        folder.manifest.files.compactMap { entry in
            let path = folder.file(entry.name)
            guard let digest = try? LineReader.sha256(path: path) else {
                return Diagnostic(file: path, message: "corrupted shard \(folder.manifest.index): the file is missing; re-run shard \(folder.manifest.index)")
            }
            return digest == entry.sha256 ? nil : Diagnostic(file: path, message: "corrupted shard \(folder.manifest.index): its SHA-256 differs from the one in shard.json; re-run shard \(folder.manifest.index)")
        }
    }

    /// The shards write the same files, and the same bytes for the ones copied as they are.
    static func sameFiles(_ shards: [Folder]) -> [Diagnostic] {
        let first = shards[0].manifest.files
        return shards.dropFirst().compactMap { folder in
            let files = folder.manifest.files
            let copied = zip(files, first).filter {
                !$0.0.name.hasSuffix(".csv") && $0.0.name != "run.json" && $0.0.name != BriefPartials.fileName
            }
            guard files.map(\.name) == first.map(\.name), copied.allSatisfy({ $0.0.sha256 == $0.1.sha256 }) else {
                return Diagnostic(file: folder.path, message: "foreign shard: its files differ from those of \(shards[0].path); merge only the shards of one run")
            }
            return nil
        }
    }

    /// The merged `run.json` of a run: the shards' manifests, equal but for their diagnostics,
    /// with the counts summed (`paths` is the run's, not a count).
    static func runManifest(_ shards: [Folder], problems: inout [Diagnostic]) -> RunManifest? {
        guard shards[0].manifest.files.contains(where: { $0.name == "run.json" }) else { return nil }
        var merged: RunManifest?
        for folder in shards {
            guard let data = FileManager.default.contents(atPath: folder.file("run.json")),
                let manifest = try? JSONDecoder().decode(RunManifest.self, from: data)
            else {
                problems.append(Diagnostic(file: folder.file("run.json"), message: "not a fiscal-sim run manifest; re-run the shard"))
                continue
            }
            guard var total = merged else {
                merged = manifest
                continue
            }
            var other = manifest
            other.diagnostics = total.diagnostics
            // Waves (model.md §20) are reported by the one shard holding their districts.
            other.waves = total.waves
            if let waves = manifest.waves {
                guard total.waves == nil else {
                    problems.append(Diagnostic(file: folder.file("run.json"), message: "foreign shard: two shards report the waves of one run; re-run the shards"))
                    continue
                }
                total.waves = waves
                other.waves = waves
            }
            guard other == total else {
                problems.append(Diagnostic(file: folder.file("run.json"), message: "foreign shard: its run.json describes another run than \(shards[0].path)'s"))
                continue
            }
            for (key, value) in manifest.diagnostics where !RunManifest.runConstants.contains(key) {
                total.diagnostics[key, default: 0] += value
            }
            merged = total
        }
        return merged
    }

    /// A sweep's scenario name from its manifest (`nil` if there is none).
    static func sweepName(_ shard: Folder) -> String? {
        guard let data = FileManager.default.contents(atPath: shard.file("sweep.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["name"] as? String
    }

    /// Writes the merged folder atomically to `destination`: the tables streamed shard by
    /// shard, `run.json` with the diagnostics summed, every other file as the shards have it.
    public func write(_ job: Job, to destination: URL) throws {
        try RunFolder(destination).write { staging in
            for entry in job.shards[0].manifest.files where entry.name != BriefPartials.fileName {
                let target = staging.appendingPathComponent(entry.name).path
                if entry.name == BriefColumns.fileName, let manifest = job.runManifest,
                    job.shards[0].manifest.files.contains(where: { $0.name == BriefPartials.fileName })
                {
                    try BriefMerge.merge(
                        briefs: try job.shards.map { try Data(contentsOf: URL(fileURLWithPath: $0.file(entry.name))) },
                        partials: try job.shards.map { try Data(contentsOf: URL(fileURLWithPath: $0.file(BriefPartials.fileName))) },
                        manifest: manifest
                    ).write(to: URL(fileURLWithPath: target))
                } else if entry.name.hasSuffix(".csv") {
                    let rows = try TableMerge.merge(job.shards.map { $0.file(entry.name) }, into: target)
                    let expected = job.shards.reduce(0) { $0 + ($1.manifest.files.first { $0.name == entry.name }?.rows ?? 0) }
                    guard rows == expected else {
                        throw TableMerge.Problem(description: "\(entry.name): merged \(rows) rows, the shards recorded \(expected)")
                    }
                } else if entry.name == "run.json", let manifest = job.runManifest {
                    try manifest.encoded().write(to: URL(fileURLWithPath: target))
                } else {
                    try FileManager.default.copyItem(atPath: job.shards[0].file(entry.name), toPath: target)
                }
            }
        }
    }
}

extension RunManifest {
    /// Diagnostics that describe the whole run rather than count events, so a merge keeps them
    /// as they are instead of summing them.
    static let runConstants: Set<String> = ["paths"]
}
