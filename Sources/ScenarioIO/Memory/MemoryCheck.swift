import FiscalModel

/// Stops a Monte Carlo run that would not fit in memory before it allocates (model.md §19): exit 2
/// with what it needs, what is available and how to reduce it (`--paths`, `--shard I/K`).
public struct MemoryCheck: Sendable {
    /// Where available memory is read from.
    public var available: AvailableMemory

    /// A check against `available` (default: this machine and its cgroup).
    public init(available: AvailableMemory = .system) { self.available = available }

    /// Throws an `InputError` naming `file` if `scenario` over `paths` paths on `threads`
    /// threads needs more memory than is available. Deterministic runs (one path) always fit.
    public func check(_ scenario: Scenario, paths: Int, threads: Int, file: String) throws(InputError) {
        guard paths > 1, let (bytes, source) = available.bytes() else { return }
        let estimate = MemoryEstimate(MemoryEstimate.Shape(scenario, paths: paths, threads: threads))
        if let message = Self.problem(estimate, available: bytes, source: source) {
            throw InputError([Diagnostic(file: file, message: message)])
        }
    }

    /// Throws an `InputError` naming `file` if one Monte Carlo sweep point (`bytesPerPoint`, the
    /// lean driver's buffers; points run one after another) needs more memory than is available.
    public func checkSweep(bytesPerPoint: Int, paths: Int, file: String) throws(InputError) {
        guard paths > 1, let (bytes, source) = available.bytes(), bytesPerPoint > bytes else { return }
        let fitting = max(1, Int(Double(paths) * Double(bytes) / Double(bytesPerPoint) * 0.9))
        let message = "this Monte Carlo sweep needs \(MemoryEstimate.format(bytesPerPoint)) of memory per point (\(paths) paths), but only \(MemoryEstimate.format(bytes)) is available (\(source)); use at most --paths \(fitting), or fewer --threads"
        throw InputError([Diagnostic(file: file, message: message)])
    }

    /// The message for an `estimate` above `available` bytes, or `nil` if it fits.
    public static func problem(_ estimate: MemoryEstimate, available: Int, source: String) -> String? {
        guard estimate.bytes > available else { return nil }
        let shape = estimate.shape
        let fitting = estimate.pathsFitting(in: available)
        var message = "this Monte Carlo run needs \(estimate) of memory (\(shape.paths) paths × \(shape.units) units × \(shape.simulatedRuns) simulated policies, \(shape.years) years), but only \(MemoryEstimate.format(available)) is available (\(source)); "
        if fitting >= 2 {
            // A shard keeps its districts' units only (model.md §16), so K is bounded by the districts.
            let shards = (shape.paths + fitting - 1) / fitting
            message += "run at most --paths \(fitting) at a time"
            if shards <= shape.districts {
                message += ", or split the run into shards with --shard I/\(shards) (I = 0…\(shards - 1), one machine or job each) and merge them"
            }
        } else {
            message += "even a few paths do not fit: the statistics of \(shape.units) units × \(shape.years) years × \(shape.reportedVariants) variants need \(MemoryEstimate.format(estimate.fixedBytes)); use fewer variants, years or units, or a machine with more memory"
        }
        return message
    }
}
