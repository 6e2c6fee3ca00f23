import FiscalModel

/// What `--shard` names (model.md §16): `I/K`, or `auto` / `auto/K` from a Slurm job array's
/// variables.
public enum ShardSelection: Sendable, Equatable {
    /// `I/K`.
    case fixed(Shard)
    /// `auto`: I = `SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN`, K = `SLURM_ARRAY_TASK_COUNT`.
    case auto
    /// `auto/K`: I = `SLURM_ARRAY_TASK_ID` (re-submitting one failed task of K).
    case autoOf(Int)

    /// A `--shard` value that cannot be used (a usage error, exit 2).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong and what to do.
        public var description: String
    }

    private static let forms = "--shard takes I/K (0 ≤ I < K, e.g. 1/3), auto (inside a Slurm job array) or auto/K"

    /// Parses `text`.
    public init(parsing text: String) throws(Problem) {
        if text == "auto" {
            self = .auto
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let k = Int(parts[1]), k >= 1 else {
            throw Problem(description: "\(Self.forms); found '\(text)'")
        }
        if parts[0] == "auto" {
            self = .autoOf(k)
            return
        }
        guard let i = Int(parts[0]), i >= 0 else { throw Problem(description: "\(Self.forms); found '\(text)'") }
        guard let shard = Shard(index: i, of: k) else {
            throw Problem(description: "--shard \(text): I must be below K (shards are numbered 0 to \(k - 1))")
        }
        self = .fixed(shard)
    }

    /// The shard, reading the Slurm array variables from `environment` for `auto`.
    public func resolve(environment: [String: String]) throws(Problem) -> Shard {
        func variable(_ name: String) throws(Problem) -> Int {
            guard let text = environment[name] else {
                throw Problem(description: "--shard \(self.text): \(name) is not set; run it as a task of a Slurm job array (sbatch --array=0-15 …) or give --shard I/K")
            }
            guard let value = Int(text) else { throw Problem(description: "--shard \(self.text): \(name) is '\(text)', not a whole number") }
            return value
        }
        let (i, k): (Int, Int)
        switch self {
        case let .fixed(shard): return shard
        case .auto: (i, k) = (try variable("SLURM_ARRAY_TASK_ID") - variable("SLURM_ARRAY_TASK_MIN"), try variable("SLURM_ARRAY_TASK_COUNT"))
        case let .autoOf(count): (i, k) = (try variable("SLURM_ARRAY_TASK_ID"), count)
        }
        if let step = environment["SLURM_ARRAY_TASK_STEP"], step != "1" {
            throw Problem(description: "--shard \(text): SLURM_ARRAY_TASK_STEP is \(step); submit the array with step 1 (--array=0-15, not 0-15:2)")
        }
        guard let shard = Shard(index: i, of: k) else {
            throw Problem(description: "--shard \(text): the array task gives I = \(i) and K = \(k); I must be in 0…K−1 (number the array from 0, e.g. --array=0-\(max(k, 1) - 1))")
        }
        return shard
    }

    /// The value as written.
    var text: String {
        switch self {
        case let .fixed(shard): shard.description
        case .auto: "auto"
        case let .autoOf(k): "auto/\(k)"
        }
    }
}
