import Foundation
import Testing

@testable import ScenarioServer

/// The download's ZIP writer: the CRC-32 check value, and an archive `unzip -t` accepts.
@Suite struct ZipArchiveTests {
    @Test func crc32OfTheCheckString() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func unzipTestsTheArchive() throws {
        let folder = try TemporaryFolder()
        let files: [(name: String, data: Data)] = [("a.csv", Data("x,y\n1,2\n".utf8)), ("思明.txt", Data("区".utf8)), ("empty", Data())]
        let path = try folder.write("t.zip", try ZipArchive.make(files, folder: "run"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-t", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("run/a.csv") && text.contains("No errors"))
    }
}
