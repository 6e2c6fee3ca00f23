import ArgumentParser
import Foundation
import ScenarioIO

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

    /// Parses and runs, mapping failures to SPEC §12's exit codes: 0 success, 2 invalid input or
    /// usage, 1 anything else.
    static func main() {
        do {
            var command = try parseAsRoot(SolveCommand.attachingRange(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as InputError {
            Terminal.printError(error.description)
            Foundation.exit(ExitStatus.invalidInput)
        } catch let error as ToolFailure {
            Terminal.printError("error: \(error.message)")
            Foundation.exit(ExitStatus.failure)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if code == .validationFailure {
                // ArgumentParser writes "Error: …"; every failure here starts "error:" (SPEC §12).
                Terminal.printError(message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : message)
                Foundation.exit(ExitStatus.invalidInput)
            }
            if error is ExitCode {
                Foundation.exit(code.rawValue)
            }
            Terminal.printError("error: \(message)")
            Foundation.exit(ExitStatus.failure)
        }
    }
}

/// Exit statuses (SPEC §12).
enum ExitStatus {
    /// Invalid input or usage.
    static let invalidInput: Int32 = 2
    /// Anything else.
    static let failure: Int32 = 1
}

/// A failure that is not the user's input (writing the output, an internal error).
struct ToolFailure: Error {
    /// What went wrong and what to do.
    var message: String
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
