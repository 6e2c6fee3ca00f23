import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `fiscal-sim solve SCENARIO --vary PATH --between LO HI --target METRIC=VALUE`: the value of
/// one lever at which a sweep metric reaches a target (model.md §15.2).
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find the value of one parameter at which a sweep metric reaches a target.",
        discussion: """
            Scans nine evenly spaced values of [LO, HI], then bisects the first interval in which \
            METRIC − VALUE changes sign. Exit status: 0 found, 1 no value in the range reaches the \
            target, 2 invalid input. For step-valued metrics such as capacity_binding_years, \
            target the half step (=0.5).
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp("The dotted path to vary, e.g. incentive.elasticity.", valueName: "PATH"))
    var vary: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("The range searched: LO HI.", valueName: "LO HI"))
    var between: [Double]

    @Option(help: ArgumentHelp("A sweep.csv metric and the value to reach, e.g. reform_effect=0.", valueName: "METRIC=VALUE"))
    var target: String

    @Option(help: "The sweep.csv row whose metric is read: a district id or all (default).")
    var district = "all"

    @OptionGroup var search: SearchOptions

    @Option(help: "Stop when the bracket is this narrow (default 1e-6 × (HI − LO); whole-number paths: 1).")
    var tolerance: Double?

    @OptionGroup var threads: ThreadsOption
    @OptionGroup var output: OutputFolderOption

    func validate() throws {
        if between.count != 2 { throw ValidationError("--between takes two numbers, LO and HI; found \(between.count)") }
        if SolveRun.Target(target) == nil {
            throw ValidationError("--target must be METRIC=VALUE with a number, e.g. reform_effect=0 or capacity_binding_years=0.5; found '\(target)'")
        }
    }

    func run() throws {
        var options = SolveRun.Options(
            scenario: scenario, vary: vary, lo: between[0], hi: between[1], target: SolveRun.Target(target)!,
            district: district, tolerance: tolerance, variant: search.variant, paths: search.draws.paths,
            seed: search.draws.seed, threads: threads.count)
        options.settings = try search.settings.parsed()
        let prepared = try SolveRun.prepare(options, warn: { Terminal.printError($0.description) })
        let folder = try output.folder(default: prepared.defaultFolder, inputs: prepared.inputFiles)
        let solve = try prepared.run()
        try RunFolder(folder).write(solve.files)
        for line in solve.report.lines { print(line) }
        print("Wrote \(folder.path)/solve.json")
        if !solve.found { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}

extension SolveCommand {
    /// `arguments` with `--between LO HI` written as `--between=LO --between=HI`, so that
    /// negative ends (`--between -0.02 0.08`) are not taken for options: swift-argument-parser
    /// reads a value that starts with `-` as an option unless it is attached with `=`, and has no
    /// strategy for two values of one option (`.unconditional` takes a single value).
    static func attachingRange(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument == "--between", index + 2 < arguments.count,
                Double(arguments[index + 1]) != nil, Double(arguments[index + 2]) != nil
            {
                result += ["--between=\(arguments[index + 1])", "--between=\(arguments[index + 2])"]
                index += 3
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }
}
