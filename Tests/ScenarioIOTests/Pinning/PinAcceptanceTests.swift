import Foundation
import ScenarioIO
import Testing

@Suite("fiscal-sim test: acceptance on the shipped scenarios")
struct PinAcceptanceTests {
    /// Copies the shipped Siming scenario, its data and its pinned file into a temporary folder
    /// laid out like `scenarios/`.
    func shippedCopy() throws -> (folder: TemporaryFolder, scenario: String, pinned: String) {
        let folder = try TemporaryFolder()
        let scenario = try folder.write("siming-pilot.yaml", String(contentsOfFile: Repository.path("scenarios/siming-pilot.yaml"), encoding: .utf8))
        try folder.write("data/siming-streets.csv", String(contentsOfFile: Repository.path("scenarios/data/siming-streets.csv"), encoding: .utf8))
        let pinned = try folder.write("pinned/siming-pilot.yaml", String(contentsOfFile: Repository.path("scenarios/pinned/siming-pilot.yaml"), encoding: .utf8))
        return (folder, scenario, pinned)
    }

    func run(_ path: String) throws -> [PinCheck] {
        var runner = PinRunner()
        return runner.run(try PinSuite.read(path))
    }

    @Test func shippedPinnedFilesPass() throws {
        let found = PinSuite.testFiles(in: [Repository.path("scenarios/pinned")])
        #expect(found.diagnostics.isEmpty)
        var runner = PinRunner()
        var checks: [PinCheck] = []
        for path in found.files { checks += runner.run(try PinSuite.read(path)) }
        #expect(checks.count >= 30)
        #expect(checks.contains { $0.subject.contains("expectError") })
        let failures = checks.filter { !$0.passed }.map(\.failureLine)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func changingOneBandRateFailsNamingTheMovedNumbersAndUpdateRepins() throws {
        let copy = try shippedCopy()
        #expect(try run(copy.pinned).allSatisfy { $0.passed })

        // The second band 40 % → 45 %: rebates (and, through capacity, net revenue) move.
        let original = try String(contentsOfFile: copy.scenario, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "- {upTo: 2000, rate: 0.4}", with: "- {upTo: 2000, rate: 0.45}")
        try #require(edited != original)
        try copy.folder.write("siming-pilot.yaml", edited)

        let failures = try run(copy.pinned).filter { !$0.passed }
        #expect(!failures.isEmpty)
        // 中华 2026: 0.3 × 500 + 0.45 × 521.75 = 384.79 (was 358.70; tax does not depend on band 2).
        let zhonghua = failures.first { $0.subject == "units {unit: zhonghua, year: 2026} column rebate" }
        #expect(zhonghua?.failureLine == "\(copy.pinned):\(zhonghua?.line ?? 0): units {unit: zhonghua, year: 2026} column rebate: expected 358.70, actual 384.79, difference +26.09")
        #expect(failures.contains { $0.subject == "districts {district: siming, year: 2026} column rebates" })
        #expect(!failures.contains { $0.subject.hasSuffix("column tax") && $0.subject.contains("2026") })
        #expect(failures.allSatisfy { $0.isUpdatable })

        let file = try PinSuite.read(copy.pinned)
        var runner = PinRunner()
        let changes = try PinSuite.update(file, checks: runner.run(file))
        #expect(changes.count == failures.count)
        #expect(changes.contains { $0.description.hasSuffix("units {unit: zhonghua, year: 2026} column rebate: 358.70 → 384.79") })
        #expect(try run(copy.pinned).allSatisfy { $0.passed })

        // Only values changed: the file is the same line for line outside the pinned numbers.
        let before = try String(contentsOfFile: Repository.path("scenarios/pinned/siming-pilot.yaml"), encoding: .utf8)
        let after = try String(contentsOfFile: copy.pinned, encoding: .utf8)
        let beforeLines = before.split(separator: "\n", omittingEmptySubsequences: false)
        let afterLines = after.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(beforeLines.count == afterLines.count)
        let changedLines = Set(changes.map(\.line))
        for (index, line) in beforeLines.enumerated() where !changedLines.contains(index + 1) {
            #expect(afterLines[index] == line, "line \(index + 1) changed")
        }
    }
}
