/// Whether a text can be one folder's name (文件夹名): a scenario `name` becomes the default
/// run folder `out/<name>/`, so `..`, `../victim` or `a/b` would make a run write — and
/// replace — a folder elsewhere (issue 23).
public enum FolderName {
    /// The most bytes (UTF-8) of one name on Linux and macOS file systems.
    public static let maximumBytes = 255

    /// What makes `name` unusable as one folder name, or `nil` if it is usable.
    public static func problem(_ name: String) -> String? {
        if name == "." || name == ".." {
            return "'\(name)' names the current or parent folder, not a new one"
        }
        if name.contains("/") || name.contains("\\") {
            return "it contains a slash (/ or \\), which would put the run folder elsewhere"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "it contains a control character"
        }
        if name.utf8.count > maximumBytes {
            return "it is \(name.utf8.count) bytes long in UTF-8; a folder name has at most \(maximumBytes) bytes (about 85 Chinese characters)"
        }
        return nil
    }

    /// The diagnostic text for a scenario `name` with `problem`.
    static func scenarioMessage(_ problem: String) -> String {
        "name: cannot be used as the run folder's name (out/<name>/): \(problem); use letters, digits, Chinese characters, - and _, e.g. name: siming-pilot"
    }
}
