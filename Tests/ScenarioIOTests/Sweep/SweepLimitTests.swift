import FiscalModel
import Foundation
import ScenarioIO
import Testing

/// model.md §19 in a sweep: a point whose yearly values pass 1e15 stops the sweep, naming the point.
@Suite struct SweepLimitTests {
    /// A staff cost of 1e14 per head makes every street's need pass 1e15 in the first year.
    private static let grid = ["needs.staff.unitCost=10.8,100000000000000"]

    /// A machine whose /proc/meminfo reports `kilobytes` available and that has no cgroup limit.
    private static func memInfo(kilobytes: Int) -> AvailableMemory {
        AvailableMemory { path in path == "/proc/meminfo" ? "MemTotal: 99999999 kB\nMemAvailable: \(kilobytes) kB\n" : nil }
    }

    private func violation(
        paths: Int?, threads: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SweepLimitViolation? {
        let plan = try SweepRun.plan(grid: Self.grid, paths: paths, threads: threads)
        do {
            _ = try SweepEvaluator(plan, threads: threads).rows(of: [1, 2])
            Issue.record("the sweep ran past the limit", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [nil, 40] as [Int?])
    func aPointBeyondTheLimitIsNamed(paths: Int?) throws {
        let found = try #require(try violation(paths: paths, threads: 2))
        #expect(found.point == "point 2 (needs.staff.unitCost=100000000000000)")
        // A deterministic year is checked in output column order (need before gap); a Monte
        // Carlo year checks the per-path columns (gap) before the values every path shares (need).
        #expect(found.violation.column == (paths == nil ? "need" : "gap"))
        #expect(found.violation.place == .unit("xiagang"))
        #expect(found.violation.year == 2026)
        #expect(found.description.hasPrefix("point 2 (needs.staff.unitCost=100000000000000): "))
    }

    @Test func theReportedViolationDoesNotDependOnThreads() throws {
        let one = try #require(try violation(paths: 200, threads: 1))
        let three = try #require(try violation(paths: 200, threads: 3))
        #expect(one.description == three.description)
    }

    @Test func theFirstPointStillRunsOnItsOwn() throws {
        let plan = try SweepRun.plan(grid: Self.grid, paths: nil)
        let rows = try SweepEvaluator(plan, threads: 2).rows(of: [1])
        #expect(rows.count == 1)
    }

    @Test func aSweepThatCannotFitStopsBeforeItAllocates() throws {
        let check = MemoryCheck(available: Self.memInfo(kilobytes: 1024))
        let plan = try SweepRun.plan(grid: Self.grid, paths: 10_000_000)
        let needed = SweepEvaluator(plan, threads: 2).bytesPerPoint
        #expect(needed > 1 << 20)
        do {
            try check.checkSweep(bytesPerPoint: needed, paths: plan.paths, file: "s.yaml")
            Issue.record("the sweep was let through")
        } catch {
            let message = try #require(error.diagnostics.first).message
            #expect(message.contains("per point (10000000 paths)"))
            #expect(message.contains("MemAvailable"))
            #expect(message.contains("--paths"))
        }
        try MemoryCheck(available: Self.memInfo(kilobytes: 1 << 30))
            .checkSweep(bytesPerPoint: needed, paths: plan.paths, file: "s.yaml")
    }
}
