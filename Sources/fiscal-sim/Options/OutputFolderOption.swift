import ArgumentParser
import Foundation
import ScenarioIO

/// `--out DIR`: the folder a command writes (输出文件夹).
struct OutputFolderOption: ParsableArguments {
    @Option(help: "The output folder (default: out/<name>/, out/<name>-sweep/ or out/<name>-solve/ in the current directory, by command).")
    var out: String?

    /// The folder: `--out`, or the command's `defaultFolder`, once `OutputTarget` has checked that
    /// writing there loses none of the user's files and none of `inputs` (model.md §19).
    func folder(default defaultFolder: String, inputs: [String]) throws -> URL {
        try OutputTarget(out: out, default: defaultFolder, inputs: inputs).folder
    }
}
