import FiscalModel
import Foundation

/// `shard.json`: which job a shard folder belongs to and what it holds (model.md §16).
///
/// Every field but `index` and `files` identifies the job, and `merge` requires them equal
/// across the shards it is given.
public struct ShardManifest: Codable, Sendable, Equatable {
    /// One file the shard wrote.
    public struct File: Codable, Sendable, Equatable {
        /// File name in the shard folder.
        public var name: String
        /// SHA-256 of its bytes, hex.
        public var sha256: String
        /// Data rows (after the header) of a CSV; `nil` for other files.
        public var rows: Int?

        /// The entry of a file called `name` with `data`.
        public init(name: String, data: Data) {
            self.name = name
            sha256 = ContentDigest.sha256(data)
            rows = name.hasSuffix(".csv") ? max(0, data.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } - 1) : nil
        }
    }

    /// Always `fiscal-sim`.
    public var tool = "fiscal-sim"
    /// Tool version.
    public var version = ToolVersion.current
    /// The sharded command: `run` or `sweep`.
    public var command: String
    /// The scenario path as given on the command line.
    public var scenario: String
    /// SHA-256 of the scenario and of every file it reads, by role (`scenario`, `units`,
    /// `taxSeries`, `matrix`, `design`).
    public var inputs: [String: String]
    /// Every option that changes output (`paths`, `seed`, `excel`, `lang`, and for a sweep
    /// `variant`, `grid` or `design`, `xlsx`), as text; not `--out`, `--threads`, `--quiet`.
    public var options: [String: String]
    /// OpenBLAS's core name when a correlation matrix is used (z = L·η depends on the kernels).
    public var blasCore: String?
    /// I, from 0.
    public var index: Int
    /// K, the number of shards.
    public var count: Int
    /// Per file written: SHA-256 and row count.
    public var files: [File]

    /// Creates a manifest.
    public init(
        command: String, scenario: String, inputs: [String: String], options: [String: String], blasCore: String?,
        shard: Shard, files: [File]
    ) {
        self.command = command
        self.scenario = scenario
        self.inputs = inputs
        self.options = options
        self.blasCore = blasCore
        index = shard.index
        count = shard.count
        self.files = files
    }

    /// The fields that identify the job (everything but `index` and `files`), for comparison.
    public var job: ShardManifest {
        var job = self
        job.index = 0
        job.files = []
        return job
    }

    /// The names of the job fields in which `self` and `other` differ.
    public func differences(from other: ShardManifest) -> [String] {
        var names: [String] = []
        if tool != other.tool || version != other.version { names.append("version") }
        if command != other.command { names.append("command") }
        if scenario != other.scenario { names.append("scenario") }
        for role in Set(inputs.keys).union(other.inputs.keys).sorted() where inputs[role] != other.inputs[role] {
            names.append("inputs.\(role)")
        }
        for option in Set(options.keys).union(other.options.keys).sorted() where options[option] != other.options[option] {
            names.append("options.\(option)")
        }
        if blasCore != other.blasCore { names.append("blasCore") }
        if count != other.count { names.append("count") }
        return names
    }

    /// Pretty JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// `shard.json` for `files` written by shard `shard` of a run of `loaded` with `options`.
    static func file(
        command: String, loaded: LoadedScenario, options: [String: String], shard: Shard,
        files: [(name: String, data: Data)]
    ) throws -> (name: String, data: Data) {
        let usesMatrix = loaded.scenario.policyVariants.contains {
            if case .matrix = $0.policy.taxGrowth.correlation { return true }
            return false
        }
        let manifest = ShardManifest(
            command: command, scenario: loaded.path, inputs: loaded.inputDigests, options: options,
            blasCore: usesMatrix ? BLASCore.name : nil, shard: shard,
            files: files.map { File(name: $0.name, data: $0.data) })
        return ("shard.json", try manifest.encoded())
    }
}

extension ShardManifest {
    /// `shard.json` of shard `shard` of a Monte Carlo run of `loaded` written with `options`.
    static func file(
        for loaded: LoadedScenario, options: RunWriter.Options, shard: Shard, files: [(name: String, data: Data)]
    ) throws -> (name: String, data: Data) {
        try file(
            command: "run", loaded: loaded,
            options: [
                "paths": "\(loaded.scenario.paths)", "seed": "\(loaded.scenario.seed)", "excel": "\(options.excelBOM)",
                "lang": options.chineseHeaders ? "zh" : "en",
            ], shard: shard, files: files)
    }
}

extension LoadedScenario {
    /// The same load with `scenario` (a shard's part of it) as the model.
    func simulating(_ scenario: Scenario) -> LoadedScenario {
        var loaded = self
        loaded.scenario = scenario
        return loaded
    }
}
