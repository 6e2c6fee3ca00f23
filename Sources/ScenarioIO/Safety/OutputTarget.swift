import Foundation

/// The folder a command is about to write (输出文件夹) — `--out` or the default — checked
/// before anything is computed or written (issue 23): not empty text, not a folder that holds
/// the command's own input files, and not an existing folder fiscal-sim did not write.
/// Problems are input errors (exit 2), and nothing is touched.
public struct OutputTarget: Sendable {
    /// The folder, as given (for messages and the command's report).
    public let path: String
    /// The folder.
    public var folder: URL { URL(fileURLWithPath: path) }

    /// Checks `out` (the `--out` value; `nil` when not given, then `defaultPath`) against the
    /// files the command reads, `inputs` (scenario, units file, history, shard folders' files…;
    /// paths that do not exist are skipped).
    public init(out: String?, default defaultPath: String, inputs: [String]) throws(InputError) {
        if let out, out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw InputError([Diagnostic(
                file: "--out",
                message: "the output folder is empty text (an unset shell variable?); name the folder to write, e.g. --out out/my-run, or drop --out to write the default out/<name>/")])
        }
        path = out ?? defaultPath
        let target = Self.canonical(URL(fileURLWithPath: path))
        var problems: [String] = []
        if let long = target.pathComponents.first(where: { $0.utf8.count > FolderName.maximumBytes }) {
            problems.append("the folder name \(QuotedValue.quote(long)) is longer than \(FolderName.maximumBytes) bytes; give a shorter --out")
        }
        if let input = inputs.first(where: { Self.holds(target, $0) }) {
            problems.append("\(path) holds the input file \(input): replacing it would delete your inputs; write the output elsewhere, e.g. --out out/my-run")
        } else if let problem = FolderOwnership.problem(URL(fileURLWithPath: path), shown: path) {
            problems.append(problem)
        }
        if !problems.isEmpty { throw InputError(problems.map { Diagnostic(file: path, message: $0) }) }
    }

    /// Whether replacing `target` would replace `input`'s folder: the target equals or
    /// contains the folder of an existing input file.
    static func holds(_ target: URL, _ input: String) -> Bool {
        guard FileManager.default.fileExists(atPath: input) else { return false }
        let folder = canonical(URL(fileURLWithPath: input).deletingLastPathComponent()).path
        let root = target.path
        return folder == root || folder.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// `url` absolute, with `.`, `..` and the symbolic links of its existing part resolved.
    static func canonical(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        guard let resolved = realpath(existing.path, nil) else { return url.standardizedFileURL }
        defer { free(resolved) }
        return rest.reduce(URL(fileURLWithPath: String(cString: resolved))) { $0.appendingPathComponent($1) }
    }
}
