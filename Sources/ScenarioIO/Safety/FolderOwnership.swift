import Foundation

/// Whether an existing folder may be replaced by a run (输出文件夹归属): only when it is
/// empty or fiscal-sim wrote it — it holds one of our manifests, checked by content — and
/// nothing in it is a file fiscal-sim does not write (issue 23: never lose a user's file).
enum FolderOwnership {
    /// The manifests that mark a folder as fiscal-sim's, with the file that must accompany
    /// each (`calibration.yaml` alone could be a user's file).
    static let manifests: [(name: String, companion: String?)] = [
        ("run.json", nil), ("sweep.json", nil), ("solve.json", nil), ("shard.json", nil),
        ("calibration.yaml", "units_growth.csv"),
    ]

    /// Every file a fiscal-sim command writes into its folder (besides those a manifest lists).
    static let knownFiles: Set<String> = [
        "units.csv", "districts.csv", "comparison.csv", "groups.csv", "brief.csv", "run.json", "datapackage.json",
        "report.xlsx", "units_quantiles.csv", "districts_quantiles.csv", "sweep.csv", "sweep.json", "sweep.xlsx",
        "shard.json", "solve.json", "calibration.yaml", "units_growth.csv", "correlation.csv",
    ]

    /// Files the operating system's file browsers add by themselves; they are not the user's.
    static let systemFiles: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini"]

    /// The first line of a `calibration.yaml` fiscal-sim wrote.
    static let calibrationSignature = "# Estimated by fiscal-sim calibrate"

    /// Why `folder` (shown as `shown`) must not be replaced, or `nil` if it may be: it does not
    /// exist, is empty, or holds only files of a fiscal-sim output.
    static func problem(_ folder: URL, shown: String) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return "\(shown) exists and is not a folder; choose another --out"
        }
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: folder.path)
        } catch {
            return "\(shown) cannot be read (\(error.localizedDescription)), so fiscal-sim cannot tell whether it holds your files; choose another --out"
        }
        if entries.isEmpty { return nil }
        var allowed = knownFiles.union(systemFiles)
        var ours = false
        for (name, companion) in manifests where entries.contains(name) {
            guard companion.map(entries.contains) ?? true, let listed = manifestFiles(folder.appendingPathComponent(name)) else { continue }
            ours = true
            allowed.formUnion(listed)
        }
        let foreign = entries.filter { !allowed.contains($0) }.sorted()
        let how = "fiscal-sim replaces only an empty folder or one it wrote; give a new folder with --out (e.g. --out out/new-run), or move those files elsewhere first"
        guard ours else {
            return "\(shown) is not a fiscal-sim output folder (it holds \(listing(foreign.isEmpty ? entries.sorted() : foreign, in: folder))); \(how)"
        }
        guard foreign.isEmpty else {
            return "\(shown) was written by fiscal-sim but now also holds \(listing(foreign, in: folder)), which fiscal-sim did not write; \(how)"
        }
        return nil
    }

    /// The files a fiscal-sim manifest at `url` lists (empty for one that lists none), or
    /// `nil` if the file is not one of our manifests.
    static func manifestFiles(_ url: URL) -> [String]? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe), data.count < 64 << 20 else { return nil }
        if url.lastPathComponent == "calibration.yaml" {
            return data.starts(with: Data(calibrationSignature.utf8)) ? [] : nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["tool"] as? String == "fiscal-sim"
        else { return nil }
        let files = object["files"] as? [Any] ?? []
        return files.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["name"] as? String) }
            .filter { !$0.contains("/") && $0 != "." && $0 != ".." }
    }

    /// Up to three of `names`, folders marked with `/`, and how many more.
    private static func listing(_ names: [String], in folder: URL) -> String {
        let shown = names.prefix(3).map { name -> String in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return QuotedValue.shortened(name) + (isDirectory.boolValue ? "/" : "")
        }
        let more = names.count > 3 ? " and \(names.count - 3) more" : ""
        return shown.joined(separator: ", ") + more
    }
}
