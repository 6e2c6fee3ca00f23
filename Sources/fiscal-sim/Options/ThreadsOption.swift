import ArgumentParser
import Foundation

/// `--threads N` (工作线程数), shared by `run`, `sweep` and `solve` and checked once.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Worker threads (default: all cores; the output does not depend on it).")
    var threads: Int?

    /// The threads asked for, or all cores.
    var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1; found \(threads)") }
    }
}
