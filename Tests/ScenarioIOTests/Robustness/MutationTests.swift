import Foundation
import Testing

/// Issue 14, item 4: the `fiscal-sim` binary over a seeded mutation pass of the shipped scenario
/// and units file — the class of the reported inputs (huge numbers, growth written as percent,
/// a scalar where a list belongs, broken rows). Whatever the input: no crash or signal, no hang,
/// no `validate` success followed by a `run` input error, no failure without an `error:` line,
/// and nothing written by a failed run.
@Suite("Robustness: mutation pass over the shipped files", .serialized)
struct MutationTests {
    /// Mutations per file (`FISCAL_SIM_MUTATIONS` overrides; the acceptance pass is several hundred).
    static let count = ProcessInfo.processInfo.environment["FISCAL_SIM_MUTATIONS"].flatMap(Int.init) ?? 150
    /// The seed (`FISCAL_SIM_MUTATION_SEED` overrides, to try other inputs).
    static let seed = ProcessInfo.processInfo.environment["FISCAL_SIM_MUTATION_SEED"].flatMap(UInt64.init) ?? 20261201
    static let values = [
        "1e40", "2147483648", "1.0e+300", "99999999999999999999999999", "9999999999999999999999999999999999999999",
        "-1", "1e15", "1000000000000001", "1.5", "11", "0", "-0", ".nan", ".inf", "nan", "9223372036854775807",
        "-9223372036854775808", "x", "[1]", "{}", "\"0.1\"", "", "0.06e2", "1,234", "2100", "1e-320",
    ]

    /// One seeded mutation of `text`: a number-like token replaced, a line dropped or repeated, a
    /// list turned into its first element, a separator removed.
    static func mutate(_ text: String, csv: Bool, using generator: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = Int(generator.next() % UInt64(lines.count))
        var line = lines[index]
        switch generator.next() % 6 {
        case 0 where !csv: lines.remove(at: index)
        case 1: lines.insert(line, at: index)
        case 2 where !csv:
            if let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") {
                let inner = line[line.index(after: open)..<close].split(separator: ",").first.map(String.init) ?? ""
                line.replaceSubrange(open...close, with: inner.trimmingCharacters(in: .whitespaces))
            }
            lines[index] = line
        case 3 where csv:
            if let comma = line.firstIndex(of: ",") { line.remove(at: comma) }
            lines[index] = line
        default:
            // Replace the n-th number-like token (or CSV field) of the line.
            let separators: Set<Character> = csv ? [","] : [" ", ",", "{", "}", "[", "]", ":"]
            var tokens: [Range<String.Index>] = []
            var start: String.Index?
            for position in line.indices {
                let isSeparator = separators.contains(line[position])
                if isSeparator, let first = start { tokens.append(first..<position); start = nil }
                if !isSeparator, start == nil { start = position }
            }
            if let first = start { tokens.append(first..<line.endIndex) }
            let numeric = tokens.filter { line[$0].first.map { $0.isNumber || $0 == "-" || $0 == "." } ?? false }
            let pool = numeric.isEmpty ? tokens : numeric
            if !pool.isEmpty {
                let target = pool[Int(generator.next() % UInt64(pool.count))]
                line.replaceSubrange(target, with: values[Int(generator.next() % UInt64(values.count))])
            }
            lines[index] = line
        }
        return lines.joined(separator: "\n")
    }

    /// Runs the tool with a time limit: exit status, whether it died of a signal or hung, stderr.
    static func run(_ arguments: [String], in folder: URL, limit: TimeInterval = 60) throws -> (status: Int32, signal: Bool, hung: Bool, stderr: String) {
        let log = folder.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = try ToolBinary.process(arguments, in: folder)
        process.standardError = handle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let hung = done.wait(timeout: .now() + limit) == .timedOut
        if hung {
            process.terminate()
            done.wait()
        }
        let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, hung, stderr)
    }

    @Test(arguments: [false, true])
    func mutatedShippedFilesNeverCrash(csv: Bool) throws {
        let scenario = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        let units = try String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8)
        // The mutations are drawn in order from one seeded sequence, then checked by two workers
        // (each in its own folder): the same inputs and checks as one after the other, in half the time.
        var generator = SplitMix64(seed: Self.seed &+ (csv ? 1 : 0))
        let mutations = (0..<Self.count).map { _ in Self.mutate(csv ? units : scenario, csv: csv, using: &generator) }
        let workers = 2
        let validations = ValidationCount()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let work = try TemporaryFolder()
                for number in stride(from: worker, to: mutations.count, by: workers) {
                    let mutated = mutations[number]
                    try work.write("s.yaml", csv ? scenario : mutated)
                    try work.write("data/siming-streets.csv", csv ? mutated : units)
                    let what = "seed \(Self.seed), \(csv ? "units" : "scenario") mutation \(number)"
                    let checked = try Self.run(["validate", "s.yaml"], in: work.url)
                    let ran = try Self.run(["run", "s.yaml", "--out", "out", "--quiet"], in: work.url)
                    for (command, result) in [("validate", checked), ("run", ran)] {
                        #expect(!result.signal && !result.hung && [0, 1, 2].contains(result.status), "\(what): \(command) crashed or hung (exit \(result.status)):\n\(result.stderr.prefix(600))")
                        #expect(result.status == 0 || result.stderr.contains("error: "), "\(what): \(command) exit \(result.status) without an error line:\n\(result.stderr.prefix(600))")
                    }
                    if checked.status == 0 {
                        validations.add()
                        #expect(ran.status != 2, "\(what): validate passed but run found an input error:\n\(ran.stderr.prefix(600))")
                    }
                    if ran.status != 0 {
                        #expect(!FileManager.default.fileExists(atPath: work.path("out")), "\(what): a failed run wrote a folder")
                    }
                    try? FileManager.default.removeItem(atPath: work.path("out"))
                }
            } catch {
                Issue.record("mutation worker \(worker): \(error)")
            }
        }
        let validated = validations.value
        print("mutation pass (\(csv ? "units" : "scenario")): \(Self.count) mutations, \(validated) validated")
        // The pass must exercise runs, not only rejections.
        #expect(validated >= Self.count / 10, "only \(validated) of \(Self.count) mutations validated")
    }
}

/// A count shared by the mutation workers.
private final class ValidationCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one.
    func add() { lock.withLock { count += 1 } }

    /// The count.
    var value: Int { lock.withLock { count } }
}
