import Foundation
@testable import ScenarioIO
import Testing

/// Issue 23, item 3: a work folder is removed only when no live run holds its lock — whatever
/// the process id says — and, when its lock proves nothing (another kernel wrote it, or it has
/// no lock file), only after the age guard.
@Suite("Work folders: stale cleanup by lock, not by process id (issue 23)")
struct WorkFolderTests {
    func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aLockedWorkFolderSurvivesCleanupAndAReleasedOneDoesNot() throws {
        let parent = try TemporaryFolder()
        let live = try WorkFolder(for: "run", in: parent.url)
        // The process id of the name is this live process's; pretend it is another namespace's
        // by renaming it to a pid that is not alive here.
        let foreign = parent.url.appendingPathComponent(".run.partial-999999-1")
        try FileManager.default.moveItem(at: live.url, to: foreign)
        WorkFolder.removeStale(for: "run", in: parent.url)
        #expect(try names(in: parent.url) == [".run.partial-999999-1"], "a locked work folder was removed")
        live.release()
        WorkFolder.removeStale(for: "run", in: parent.url)
        #expect(try names(in: parent.url) == [], "a work folder this kernel wrote, unlocked, stays")
    }

    @Test func anotherKernelsFolderWaitsForTheAgeGuard() throws {
        let parent = try TemporaryFolder()
        let folder = parent.url.appendingPathComponent(".run.partial-1-2")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Data("0000-other-host-boot-id\n".utf8).write(to: folder.appendingPathComponent(WorkFolder.lockName))
        let bare = parent.url.appendingPathComponent(".run.partial-1-3")
        try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: false)
        WorkFolder.removeStale(for: "run", in: parent.url)
        #expect(try names(in: parent.url).count == 2, "a fresh folder of another host or without a lock file was removed")
        WorkFolder.removeStale(for: "run", in: parent.url, now: Date().addingTimeInterval(WorkFolder.ageGuard - 60))
        #expect(try names(in: parent.url).count == 2)
        WorkFolder.removeStale(for: "run", in: parent.url, now: Date().addingTimeInterval(WorkFolder.ageGuard + 60))
        #expect(try names(in: parent.url) == [])
    }

    @Test func onlyThisDestinationsWorkFoldersAreConsidered() throws {
        let parent = try TemporaryFolder()
        let other = try WorkFolder(for: "other", in: parent.url)
        other.release()
        try FileManager.default.createDirectory(at: parent.url.appendingPathComponent("run"), withIntermediateDirectories: false)
        WorkFolder.removeStale(for: "run", in: parent.url)
        #expect(try names(in: parent.url).count == 2)
    }

    @Test func aLongNameKeepsTheWorkFolderNameWithinTheLimit() throws {
        let parent = try TemporaryFolder()
        let name = String(repeating: "街", count: 85)  // 255 bytes
        #expect(name.utf8.count == 255)
        let work = try WorkFolder(for: name, in: parent.url)
        #expect(work.url.lastPathComponent.utf8.count <= 255)
        try RunFolder(parent.url.appendingPathComponent(name)).write([("a.csv", Data("1".utf8))])
        #expect(try names(in: parent.url).contains(name))
    }

    @Test func theLockFileIsNotPartOfTheRunFolder() throws {
        let parent = try TemporaryFolder()
        let target = parent.url.appendingPathComponent("run")
        try RunFolder(target).write([("a.csv", Data("1".utf8))])
        #expect(try names(in: target) == ["a.csv"])
    }
}
