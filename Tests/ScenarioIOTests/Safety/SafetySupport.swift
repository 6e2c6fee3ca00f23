import Foundation
import Testing

/// A project folder as a planner keeps it: the shipped scenario, its units file under data/
/// and a notes file of the user's — what no command may ever delete (issue 23).
struct PlannerProject {
    let root: TemporaryFolder
    /// The project folder itself (`root/proj`).
    var url: URL { root.url.appendingPathComponent("proj") }

    init() throws {
        root = try TemporaryFolder()
        let scenario = try String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8)
        let units = try String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8)
        try root.write("proj/siming-pilot.yaml", scenario)
        try root.write("proj/data/siming-streets.csv", units)
        try root.write("proj/notes.txt", "会议纪要: keep me\n")
        try root.write("user/keep.txt", "the user's own file\n")
    }

    /// Every file under the root (relative path → bytes), hidden ones included.
    func tree() -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.url.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let path = base + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: path)
            } else {
                files[relative + "/"] = Data()
            }
        }
        return files
    }

    /// The scenario with its `name:` line replaced, written as `file` in the project.
    func scenario(named name: String, as file: String) throws -> String {
        let text = try String(contentsOf: url.appendingPathComponent("siming-pilot.yaml"), encoding: .utf8)
        let renamed = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("name:") ? "name: \(name)" : String($0) }.joined(separator: "\n")
        try root.write("proj/" + file, renamed)
        return file
    }
}
