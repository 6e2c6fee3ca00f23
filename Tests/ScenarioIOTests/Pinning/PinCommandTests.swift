import Foundation
import Testing

@Suite("fiscal-sim test: command line and exit codes")
struct PinCommandTests {
    /// The debug binary that `swift build` / `swift test` builds.
    static let binary = Repository.path(".build/debug/fiscal-sim")

    /// Runs the binary with `arguments`; returns exit status and standard output and error.
    func fiscalSim(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: PinCommandTests.binary)))
    func exitCodesAndSummaryLine() throws {
        let fixture = try PinFixture()
        let passing = try fixture.write("scenario: ../s.yaml\nexpect:\n  - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1100}\n", name: "tests/pass.yaml")
        let failing = try fixture.write("scenario: ../s.yaml\nexpect:\n  - {table: units, key: {unit: a, year: 2026}, column: tax, value: 1000}\n", name: "tests/fail.yaml")
        let invalid = try fixture.write("scenario: ../s.yaml\nexpct: []\n", name: "invalid/bad.yaml")

        let pass = try fiscalSim(["test", passing])
        #expect(pass.status == 0 && pass.output == "1 passed, 0 failed\n")

        let fail = try fiscalSim(["test", fixture.folder.path("tests")])
        #expect(fail.status == 1)
        #expect(fail.output == "\(failing):3: units {unit: a, year: 2026} column tax: expected 1000, actual 1100.00, difference +100.00\n1 passed, 1 failed\n")

        let bad = try fiscalSim(["test", invalid])
        #expect(bad.status == 2 && bad.errors.contains("\(invalid):2:1: error: unknown key 'expct'"))

        let update = try fiscalSim(["test", "--update", failing])
        #expect(update.status == 0)
        #expect(update.output == "\(failing):3: units {unit: a, year: 2026} column tax: 1000 → 1100.00\n1 value(s) updated in 1 file(s)\n1 passed, 0 failed\n")
        #expect(try fiscalSim(["test", failing]).status == 0)
    }
}
