import ArgumentParser
import ScenarioIO

/// `fiscal-sim test PATH…`: checks pinned test files — approved numbers of a scenario's output —
/// and, with `--update`, re-pins the values that moved.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check pinned values of scenario outputs; exit 1 if any moved.",
        discussion: """
            Each test file names a scenario (relative to the test file), optional inline `set` \
            overrides, and expected cells of the run's tables (units, districts, comparison, …). \
            Prints one line per failing expectation and ends with `N passed, M failed`. \
            Exit status: 0 all passed, 1 a value moved or a scenario failed, 2 an invalid test file. \
            See the README's "Pinned tests" for the format.
            """
    )

    @Argument(help: "Test files (.yaml) or folders searched recursively for them.")
    var paths: [String]

    @Flag(help: "Rewrite the expected values that moved, in place (comments and order stay), and print each change. For deliberate re-pinning only.")
    var update = false

    func run() throws {
        let found = PinSuite.testFiles(in: paths)
        var invalid = !found.diagnostics.isEmpty
        for diagnostic in found.diagnostics { Terminal.printError(diagnostic.description) }
        var runner = PinRunner()
        var passed = 0
        var failed = 0
        var updated = 0
        var updatedFiles = 0
        for path in found.files {
            let file: PinFile
            do {
                file = try PinSuite.read(path)
            } catch {
                Terminal.printError(error.description)
                invalid = true
                continue
            }
            let checks = runner.run(file)
            var fixed = Set<Int>()
            if update {
                let changes: [PinSuite.Change]
                do {
                    changes = try PinSuite.update(file, checks: checks)
                } catch {
                    throw ToolFailure(message: "cannot update \(path): \(error)")
                }
                for change in changes { print(change.description) }
                updated += changes.count
                updatedFiles += changes.isEmpty ? 0 : 1
                fixed = Set(checks.indices.filter { !checks[$0].passed && checks[$0].isUpdatable })
            }
            for (index, check) in checks.enumerated() {
                if check.passed || fixed.contains(index) {
                    passed += 1
                } else {
                    failed += 1
                    print(check.failureLine)
                }
            }
        }
        if update {
            print("\(updated) value(s) updated in \(updatedFiles) file(s)")
        }
        print("\(passed) passed, \(failed) failed")
        if invalid { throw ExitCode(ExitStatus.invalidInput.rawValue) }
        if failed > 0 { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
