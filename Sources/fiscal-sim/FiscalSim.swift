import ArgumentParser
import Foundation
import ScenarioIO
import FiscalModel

/// `fiscal-sim`: simulates fiscal transfers to street offices (街道办事处) over years.
@main
struct FiscalSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fiscal-sim",
        abstract: "Simulate tax-increment rebates, line fees to blocks and pooled donations for street offices.",
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, ExplainCommand.self, InitCommand.self, TestCommand.self,
            SweepCommand.self, SolveCommand.self, CalibrateCommand.self, MergeCommand.self,
            ServeCommand.self,
        ]
    )

    /// Parses and runs, mapping failures to model.md §12's exit codes: 0 success, 2 invalid input or
    /// usage, 1 anything else. Errors of the tool carry their own status (`ToolError`); usage
    /// errors are swift-argument-parser's.
    static func main() {
        StandardErrorCapture.enable()  // libxlsxwriter's messages become part of the tool's errors
        BLASCore.useCallingThreadOnly()
        do {
            var command = try parseAsRoot(SolveCommand.attachingRange(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as ValidationError {
            exitWithUsage(error)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as any ToolError {
            exit(reporting: error)
        } catch {
            exitWithUsage(error)
        }
    }

    /// Writes the tool's report of `error` and exits with its status.
    private static func exit(reporting error: any Error) -> Never {
        let report = ErrorReport(error)
        Terminal.printError(report.text)
        Foundation.exit(report.status.rawValue)
    }

    /// swift-argument-parser's errors (usage, help, version) as it renders them, but starting
    /// "error:" like every failure here (model.md §12); an error of unknown kind is a failure (exit 1).
    private static func exitWithUsage(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            exit(withError: error)
        }
        guard code == .validationFailure else { exit(reporting: error) }
        let message = fullMessage(for: error)
        Terminal.printError(message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : message)
        Foundation.exit(ExitStatus.invalidInput.rawValue)
    }
}

/// A failure that is not the user's input, stated by the command (exit 1).
struct ToolFailure: ToolError {
    /// What went wrong and what to do.
    var message: String

    var description: String { message }
}

/// Standard error and terminal helpers.
enum Terminal {
    /// Writes `text` and a newline to standard error.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress is shown only there).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
