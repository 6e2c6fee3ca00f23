import ArgumentParser
import Foundation

/// `--out DIR`: the folder a command writes (输出文件夹).
struct OutputFolderOption: ParsableArguments {
    @Option(help: "The output folder (default: out/<name>/, out/<name>-sweep/ or out/<name>-solve/ in the current directory, by command).")
    var out: String?

    /// The folder: `--out`, or the command's `defaultFolder`.
    func folder(default defaultFolder: String) -> URL { URL(fileURLWithPath: out ?? defaultFolder) }
}
