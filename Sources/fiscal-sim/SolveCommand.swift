import ArgumentParser
import FiscalModel
import Foundation
import ScenarioIO

/// `fiscal-sim solve SCENARIO --vary PATH --between LO HI --target METRIC=VALUE`: the value of
/// one lever at which a sweep metric reaches a target (SPEC §15.2).
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

    @OptionGroup var common: SearchOptions

    @Option(help: "Stop when the bracket is this narrow (default 1e-6 × (HI − LO); whole-number paths: 1).")
    var tolerance: Double?

    @Option(help: "Worker threads (default: all cores; the output does not depend on it).")
    var threads: Int?

    @Option(help: "The output folder (default: out/<name>-solve/).")
    var out: String?

    func validate() throws {
        if between.count != 2 { throw ValidationError("--between takes two numbers, LO and HI; found \(between.count)") }
        guard let equals = target.firstIndex(of: "="), Double(target[target.index(after: equals)...]) != nil else {
            throw ValidationError("--target must be METRIC=VALUE with a number, e.g. reform_effect=0 or capacity_binding_years=0.5; found '\(target)'")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1; found \(threads)") }
        try common.check()
    }

    func run() throws {
        let equals = target.firstIndex(of: "=")!
        let template = try ScenarioTemplate(path: scenario, variant: common.variant, settings: CommandLineSet.parse(common.settings))
        for warning in template.loaded.warnings { Terminal.printError(warning.description) }
        let solver = try Solver(
            template: template, path: vary, lo: between[0], hi: between[1],
            metric: String(target[..<equals]).trimmingCharacters(in: .whitespaces),
            target: Double(target[target.index(after: equals)...])!, district: district, tolerance: tolerance,
            paths: common.paths, seed: common.seed, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let folder = try OutputTarget(
            out: out, default: "out/\(template.loaded.scenario.name)-solve", inputs: template.loaded.inputFiles).folder
        let outcome: BracketSearch.Outcome
        do {
            outcome = try solver.run()
        } catch let error as SweepLimitViolation {
            throw ToolFailure(message: error.description)
        }
        let report = SolveReport(solver, outcome: outcome)
        do {
            try RunFolder(folder).write([("solve.json", try report.json())])
        } catch {
            throw ToolFailure(message: "\(error)")
        }
        for line in report.lines { print(line) }
        print("Wrote \(folder.path)/solve.json")
        if !report.found { throw ExitCode(ExitStatus.failure) }
    }
}

extension SolveCommand {
    /// `arguments` with `--between LO HI` written as `--between=LO --between=HI`, so that
    /// negative ends (`--between -0.02 0.08`) are not taken for options.
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
