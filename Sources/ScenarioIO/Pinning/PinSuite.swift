import Foundation

/// Finds, reads and re-pins pinned test files for `fiscal-sim test PATH…`.
public enum PinSuite {
    /// A value rewritten by `--update`.
    public struct Change: Sendable, CustomStringConvertible {
        /// The test file.
        public var file: String
        /// 1-based line of the value.
        public var line: Int
        /// What the value pins, e.g. `units {unit: zhonghua, year: 2026} column rebate`.
        public var subject: String
        /// The value's text before.
        public var old: String
        /// The value's text after.
        public var new: String

        /// `FILE:LINE: SUBJECT: OLD → NEW`.
        public var description: String { "\(file):\(line): \(subject): \(old) → \(new)" }
    }

    /// The test files named by `paths`: files as given, folders searched recursively for
    /// `.yaml`/`.yml` files (sorted, so runs are repeatable). Missing paths and folders without
    /// test files are diagnostics.
    public static func testFiles(in paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(file: path, message: "no such file or folder; name test files (.yaml) or folders holding them"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            if let enumerator = manager.enumerator(atPath: path) {
                while let entry = enumerator.nextObject() as? String {
                    let name = (entry as NSString).lastPathComponent
                    guard !name.hasPrefix("."), entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") else { continue }
                    found.append((path as NSString).appendingPathComponent(entry))
                }
            }
            if found.isEmpty {
                diagnostics.append(Diagnostic(file: path, message: "the folder holds no test files (.yaml or .yml)"))
            }
            files += found.sorted()
        }
        return (files, diagnostics)
    }

    /// Reads and checks the test file at `path`.
    public static func read(_ path: String) throws(InputError) -> PinFile {
        let data: Data
        do {
            data = try InputFile.read(path)
        } catch {
            throw InputError([Diagnostic(file: path, message: "cannot read the test file: \(ScenarioLoader.reason(error)); check the path")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError([Diagnostic(file: path, message: "the test file is not UTF-8 text; save it as UTF-8")])
        }
        return try PinFileReader(path: path).read(text)
    }

    /// Rewrites, in `file` on disk, the expected value of every failed check of it that a new
    /// value can fix, keeping comments, order and formatting; returns the changes in file order.
    /// Running again changes nothing.
    public static func update(_ file: PinFile, checks: [PinCheck]) throws -> [Change] {
        let mine = checks.filter { $0.file == file.path && !$0.passed && $0.edit != nil }
        guard !mine.isEmpty else { return [] }
        let edits = mine.compactMap(\.edit)
        let result = try PinUpdater.apply(edits, to: file.text)
        guard !result.changes.isEmpty else { return [] }
        let original = (try? Data(contentsOf: URL(fileURLWithPath: file.path))) ?? Data()
        let bom = original.starts(with: [0xEF, 0xBB, 0xBF]) ? "\u{FEFF}" : ""
        try Data((bom + result.text).utf8).write(to: URL(fileURLWithPath: file.path), options: .atomic)
        let subjects = Dictionary(mine.map { ($0.edit!.position, $0.subject) }, uniquingKeysWith: { first, _ in first })
        return result.changes.map {
            Change(file: file.path, line: $0.position.line, subject: subjects[$0.position] ?? "value", old: $0.old, new: $0.new)
        }
    }
}
