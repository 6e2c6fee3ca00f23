import Foundation
@testable import ScenarioIO
import Testing

/// Issue 23, item 4: control characters in text cells, plain reasons for unreadable files,
/// short quotes of long values, and size limits — each an input error with its location.
@Suite("Inputs: control characters, unreadable files, long values, limits (issue 23)")
struct InputSafetyTests {
    let project: PlannerProject
    init() throws { project = try PlannerProject() }

    /// The shipped units file with the first unit's `column` set to `value`, and a scenario
    /// reading it; the scenario's diagnostics.
    func errors(units column: String, _ value: String) throws -> [Diagnostic] {
        let text = try String(contentsOf: project.url.appendingPathComponent("data/siming-streets.csv"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        var row = lines[1].components(separatedBy: ",")
        row[try #require(header.firstIndex(of: column))] = value
        lines[1] = row.joined(separator: ",")
        try project.root.write("proj/data/edited.csv", lines.joined(separator: "\n"))
        let scenario = try String(contentsOf: project.url.appendingPathComponent("siming-pilot.yaml"), encoding: .utf8)
        try project.root.write("proj/edited.yaml", scenario.replacingOccurrences(of: "data/siming-streets.csv", with: "data/edited.csv"))
        do {
            _ = try ScenarioLoader().load(project.url.appendingPathComponent("edited.yaml").path)
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    @Test(arguments: [("id", 1), ("name", 2), ("tags", 4)])
    func controlCharactersInTextCellsAreErrors(column: String, field: Int) throws {
        for control in ["\u{0}", "\u{7}", "\u{1B}[31m", "\u{7F}", "\u{85}"] {
            let found = try errors(units: column, "a\(control)b")
            let error = try #require(found.first, "\(column) with U+\(String(control.unicodeScalars.first!.value, radix: 16)) was accepted")
            #expect(error.file.hasSuffix("edited.csv") && error.line == 2 && error.column == field, "\(error)")
            #expect(error.message.contains("column '\(column)'") && error.message.contains("control character"), "\(error)")
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "the message carries the raw control: \(error)")
        }
    }

    @Test func sizeLimitsOfTextCells() throws {
        #expect(try errors(units: "name", String(repeating: "名", count: 201)).first?.message.contains("201 characters long; at most 200") == true)
        #expect(try errors(units: "name", String(repeating: "名", count: 200)).isEmpty)
        let tags = (1...33).map { "t\($0)" }.joined(separator: ";")
        #expect(try errors(units: "tags", tags).first?.message.contains("33 tags; at most 32") == true)
        #expect(try errors(units: "tags", (1...32).map { "t\($0)" }.joined(separator: ";")).isEmpty)
        #expect(try errors(units: "id", String(repeating: "x", count: 101)).first?.message.contains("at most 100") == true)
    }

    @Test func tooManyVariantsIsAnError() throws {
        let scenario = try String(contentsOf: project.url.appendingPathComponent("siming-pilot.yaml"), encoding: .utf8)
        let base = scenario.components(separatedBy: "\nvariants:")[0]
        for (count, fails) in [(100, false), (101, true)] {
            let variants = (1...count).map { "  - {name: v\($0), set: {growth.tax: 0.05}}" }.joined(separator: "\n")
            try project.root.write("proj/many.yaml", base + "\nvariants:\n" + variants + "\n")
            let found = (try? ScenarioLoader().load(project.url.appendingPathComponent("many.yaml").path)) == nil
            #expect(found == fails, "\(count) variants")
        }
        let errors = loadErrors(project.url.appendingPathComponent("many.yaml").path)
        #expect(errors.contains { $0.message.contains("101 variants; at most 100") && $0.line != nil })
    }

    @Test func unreadableInputsHavePlainReasons() throws {
        let root = project.root
        try FileManager.default.createDirectory(at: root.url.appendingPathComponent("afolder.yaml"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: root.path("loop.yaml"), withDestinationPath: root.path("loop.yaml"))
        #expect(mkfifo(root.path("pipe.yaml"), 0o600) == 0)
        let cases = [
            ("afolder.yaml", "it is a folder, not a file"), ("loop.yaml", "a loop of symbolic links"),
            ("pipe.yaml", "named pipe (FIFO)"), ("missing.yaml", "no such file"),
        ]
        for (name, reason) in cases {
            let errors = loadErrors(root.path(name))
            #expect(errors.count == 1 && errors[0].message.contains(reason), "\(name): \(errors)")
            // Foundation's error domain or code (256) must not show; the temporary folder's random
            // name may hold those digits, so it is taken out first.
            let shown = errors.description.replacingOccurrences(of: root.url.path, with: "ROOT")
            #expect(!shown.contains("NSCocoaErrorDomain") && !shown.contains("256"), "\(shown)")
        }
        // The same for a units file, through the scenario (no blocking on the FIFO).
        let scenario = try String(contentsOf: project.url.appendingPathComponent("siming-pilot.yaml"), encoding: .utf8)
        try root.write("fifo-units.yaml", scenario.replacingOccurrences(of: "data/siming-streets.csv", with: "pipe.yaml"))
        #expect(loadErrors(root.path("fifo-units.yaml")).contains { $0.message.contains("named pipe (FIFO)") && $0.line != nil })
    }

    @Test func aLongValueIsQuotedShortAndControlsEscaped() {
        let long = String(repeating: "长", count: 5000)
        let quoted = QuotedValue.quote(long)
        #expect(quoted.count < 260 && quoted.contains("5000 characters, first 200 shown"))
        #expect(QuotedValue.quote("a\u{0}b\nc") == "'a\\u{0}b\nc'")
        let diagnostic = Diagnostic(file: "f", message: "unknown key '\(long)' in rebate; the scenario's keys don't include it")
        #expect(diagnostic.message.count < 400, "\(diagnostic.message.count)")
        #expect(diagnostic.message.hasSuffix("in rebate; the scenario's keys don't include it"))
        // Apostrophes in words are not quotes: a long message without values stays whole.
        let prose = String(repeating: "the scenario's rebate doesn't apply; ", count: 10)
        #expect(Diagnostic(file: "f", message: prose).message == prose)
    }

    @Test func scenarioNamesMustBeOneFolderName() {
        for bad in [".", "..", "../victim", "a/b", "a\\b", "a\u{1}b", String(repeating: "街", count: 86)] {
            #expect(FolderName.problem(bad) != nil, "\(bad) accepted")
        }
        for good in ["siming-pilot", "思明区 2026", "a..b", ".hidden", String(repeating: "街", count: 85)] {
            #expect(FolderName.problem(good) == nil, "\(good) refused")
        }
    }

    @Test func deepNestingAndCorruptShardManifestsAreExplained() throws {
        let nested = "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        try project.root.write("nested.yaml", nested)
        let errors = loadErrors(project.root.path("nested.yaml"))
        #expect(errors.first?.message.contains("nested too deeply") == true, "\(errors)")
        #expect(!errors.description.contains("yaml_set_max_nest_level"))
        for (text, reason) in [("{\"tool\": \"fiscal-sim\", \"index\": 0", "not valid JSON"), ("{\"tool\": \"fiscal-sim\"}", "is missing")] {
            try project.root.write("shard/shard.json", text)
            do {
                _ = try ShardMerge([project.root.path("shard")]).check()
                Issue.record("a corrupt shard.json was accepted")
            } catch {
                #expect(error.description.contains(reason) && !error.description.contains("DecodingError"), "\(error)")
            }
        }
    }
}
