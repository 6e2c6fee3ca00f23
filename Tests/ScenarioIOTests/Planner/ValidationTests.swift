import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Expects a diagnostic at `file:line:column` whose message contains every fragment; on
/// failure lists what was reported.
func expectDiagnostic(
    _ diagnostics: [Diagnostic], file: String, line: Int?, column: Int?, severity: Diagnostic.Severity = .error,
    _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
) {
    let found = diagnostics.contains { d in
        d.file == file && d.line == line && d.column == column && d.severity == severity
            && fragments.allSatisfy { d.message.contains($0) }
    }
    #expect(
        found,
        "no \(severity) at \(file):\(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-") containing \(fragments); got:\n\(diagnostics.map(\.description).joined(separator: "\n"))",
        sourceLocation: sourceLocation)
}

/// The 1-based line and column of the first occurrence of `needle` in `text`.
func locate(_ needle: String, in text: String, after marker: String? = nil) -> (line: Int, column: Int) {
    var start = text.startIndex
    if let marker, let range = text.range(of: marker) { start = range.upperBound }
    let range = text.range(of: needle, range: start..<text.endIndex)!
    let before = text[..<range.lowerBound]
    let line = before.filter { $0 == "\n" }.count + 1
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text[lineStart..<range.lowerBound].count + 1)
}

/// Issue 4, item 1: every kind of input problem is reported with file, line, column, the
/// key path or unit and column, what was found and what is allowed — all in one pass.
@Suite("Validation: one test per kind of input problem")
struct ValidationTests {
    /// Columns: id 1, name 2, district 3, tags 4, tax 5, allocation 6, population 7,
    /// green_area 8, fee_greening 9. Lines: header 1, unit a 2, unit b 3.
    static let units = """
        id,name,district,tags,tax,allocation,population,green_area,fee_greening
        a,甲,d,pilot,1000,100,10,5,20
        b,乙,d,,2000,200,30,5,30

        """
    static let header = "name: t\nyears: {base: 2025, end: 2028}\nunits: units.csv\ndistricts: [{id: d}]\n"
    static let greening = "lineFees:\n  - {id: greening, collectedColumn: fee_greening, transferShare: 0.5, allocationKey: {green_area: 1}}\n"

    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    var unitsPath: String { folder.path("units.csv") }

    /// Writes the scenario (the four header lines, then `body`) and units; returns the scenario text and path.
    func write(_ body: String, units: String = units, header: String = header) throws -> (text: String, path: String) {
        try folder.write("units.csv", units)
        let text = header + body
        return (text, try folder.write("s.yaml", text))
    }

    /// The diagnostics of loading `body` (records an issue if it loads).
    func errors(_ body: String, units: String = units, header: String = header, sourceLocation: SourceLocation = #_sourceLocation) throws -> (text: String, path: String, diagnostics: [Diagnostic]) {
        let (text, path) = try write(body, units: units, header: header)
        return (text, path, loadErrors(path, sourceLocation: sourceLocation))
    }

    /// `units` with the cell of `unit`'s row in field `column` (1-based) replaced.
    static func units(setting column: Int, of unit: String, to value: String) -> String {
        units.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.first == unit else { return String(line) }
            fields[column - 1] = value
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
    }

    // MARK: Scenario file

    @Test func unknownKey() throws {
        let (text, path, diagnostics) = try errors("rebate:\n  refrence: fixed\n  bands: [{rate: 0.3}]\n")
        let at = locate("refrence", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "unknown key 'refrence' in rebate", "did you mean 'reference'?", "allowed keys:")
    }

    @Test func wrongType() throws {
        let (text, path, diagnostics) = try errors("growth: {tax: fast, volatility: \"0.1\"}\nrollout: {default: soon}\n")
        let fast = locate("fast", in: text)
        expectDiagnostic(diagnostics, file: path, line: fast.line, column: fast.column, "growth.tax: expected a number, found 'fast'")
        let quoted = locate("\"0.1\"", in: text)
        expectDiagnostic(diagnostics, file: path, line: quoted.line, column: quoted.column, "growth.volatility", "quoted numbers are text")
        let soon = locate("soon", in: text)
        expectDiagnostic(diagnostics, file: path, line: soon.line, column: soon.column, "rollout.default: expected a year or 'never', found 'soon'")
    }

    @Test func rateOrShareOutsideZeroToOne() throws {
        let (text, path, diagnostics) = try errors("rebate: {bands: [{rate: 1.2}]}\ndonations: {reserveShare: -0.1, allocationKey: {population: 1}, sources: []}\n")
        let rate = locate("1.2", in: text)
        expectDiagnostic(diagnostics, file: path, line: rate.line, column: rate.column, "rebate.bands[0].rate must be between 0 and 1", "found 1.2")
        let share = locate("-0.1", in: text)
        expectDiagnostic(diagnostics, file: path, line: share.line, column: share.column, "donations.reserveShare must be between 0 and 1", "found -0.1")
    }

    @Test func bandsNotIncreasing() throws {
        let (text, path, diagnostics) = try errors("rebate:\n  bands: [{upTo: 500, rate: 0.3}, {upTo: {2025: 800, 2028: 200}, rate: 0.4}, {rate: 0.5}]\n")
        let bands = locate("[{upTo", in: text)
        expectDiagnostic(diagnostics, file: path, line: bands.line, column: bands.column, "upTo must increase strictly", "in 2028 rebate.bands[0].upTo is 500 and rebate.bands[1].upTo is 200")
    }

    @Test func yearsReversedOrTooShortStillChecksTheUnitsFile() throws {
        let units = Self.units(setting: 5, of: "a", to: "x")
        let (text, path, diagnostics) = try errors("", units: units, header: "name: t\nyears: {base: 2025, end: 2020}\nunits: units.csv\ndistricts: [{id: d}]\n")
        let end = locate("2020", in: text)
        expectDiagnostic(diagnostics, file: path, line: end.line, column: end.column, "years.end (2020) must be at least years.base + 1 (2026)")
        // One pass: the units file is checked although the years are unusable.
        expectDiagnostic(diagnostics, file: unitsPath, line: 2, column: 5, "unit 'a', column 'tax': found 'x'")

        let (sameText, samePath, same) = try errors("", header: "name: t\nyears: {base: 2025, end: 2025}\nunits: units.csv\ndistricts: [{id: d}]\n")
        let sameEnd = locate("2025}", in: sameText)
        expectDiagnostic(same, file: samePath, line: sameEnd.line, column: sameEnd.column, "must be at least years.base + 1")
    }

    @Test func stepFunctionStartingAfterTheFirstProjectedYear() throws {
        let (text, path, diagnostics) = try errors("allocation: {indexation: {2028: 0.02}}\n")
        let step = locate("{2028", in: text)
        expectDiagnostic(diagnostics, file: path, line: step.line, column: step.column, "allocation.indexation", "first year of the step function is 2028, after the first projected year 2026", "add a value for 2026 or earlier")
    }

    @Test func allocationWeightsNotSummingToOne() throws {
        let (text, path, diagnostics) = try errors("donations:\n  allocationKey: {population: 0.5, green_area: 0.4}\n  sources: [{id: s, amount: {d: 10}}]\n")
        let key = locate("{population", in: text)
        expectDiagnostic(diagnostics, file: path, line: key.line, column: key.column, "donations.allocationKey: weights must sum to 1", "they sum to 0.9")
    }

    @Test func undeclaredDistrictInTheScenario() throws {
        let (text, path, diagnostics) = try errors("donations:\n  allocationKey: {population: 1}\n  sources: [{id: s, amount: {dd: 10}}]\n")
        let district = locate("dd", in: text)
        expectDiagnostic(diagnostics, file: path, line: district.line, column: district.column, "'dd' is not a declared district", "did you mean 'd'?")
    }

    @Test func missingScenarioFile() throws {
        let path = folder.path("nowhere.yaml")
        let diagnostics = loadErrors(path)
        expectDiagnostic(diagnostics, file: path, line: nil, column: nil, "cannot read the scenario file", "no such file", "check the path")
    }

    @Test func missingOrUnreadableUnitsFile() throws {
        let header = "name: t\nyears: {base: 2025, end: 2028}\nunits: nothere.csv\ndistricts: [{id: d}]\n"
        let (text, path, diagnostics) = try errors("", header: header)
        let at = locate("nothere.csv", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "cannot read the units file", "no such file", "relative to the scenario file")

        // A folder where the file should be cannot be read either.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
        let unreadable = "name: t\nyears: {base: 2025, end: 2028}\nunits: folder.csv\ndistricts: [{id: d}]\n"
        let (text2, path2, diagnostics2) = try errors("", header: unreadable)
        let at2 = locate("folder.csv", in: text2)
        expectDiagnostic(diagnostics2, file: path2, line: at2.line, column: at2.column, "cannot read the units file")
    }

    @Test func yamlSyntaxError() throws {
        let (_, path, diagnostics) = try errors("rebate: {bands: [{rate: 0.3}\ngrowth: {tax: 0.1}\n")
        #expect(diagnostics.count == 1)
        let error = try #require(diagnostics.first)
        #expect(error.file == path && error.line != nil && error.column != nil)
        #expect(error.message.contains("YAML syntax error"))
        #expect((5...7).contains(error.line ?? 0), "the error points near the unclosed flow list: \(error)")
    }

    @Test func duplicateYAMLKey() throws {
        let (_, path, diagnostics) = try errors("growth: {tax: 0.1}\ngrowth: {tax: 0.2}\n")
        #expect(diagnostics.contains { $0.file == path && $0.line != nil && $0.message.contains("duplicate key 'growth'") }, "\(diagnostics)")
    }

    @Test(arguments: ["", "  \n\n", "\u{FEFF}"])
    func emptyScenarioFile(_ content: String) throws {
        let path = try folder.write("empty.yaml", content)
        expectDiagnostic(loadErrors(path), file: path, line: 1, column: 1, "the file is empty", "name, years, units and districts")
    }

    // MARK: Variants

    @Test func variantPathThatDoesNotExist() throws {
        let body = Self.greening + """
            rebate: {bands: [{rate: 0.3}]}
            variants:
              - {name: typo-key, set: {rebate.bandz: [{rate: 0.5}]}}
              - {name: typo-section, set: {rebat.bands: [{rate: 0.5}]}}
              - {name: typo-id, set: {lineFees.greenin.transferShare: 1.0}}

            """
        let (text, path, diagnostics) = try errors(body)
        let bandz = locate("rebate.bandz", in: text)
        expectDiagnostic(diagnostics, file: path, line: bandz.line, column: bandz.column, "variant 'typo-key'", "unknown key 'bandz' in rebate", "did you mean 'bands'?")
        let rebat = locate("rebat.bands", in: text)
        expectDiagnostic(diagnostics, file: path, line: rebat.line, column: rebat.column, "variant 'typo-section'", "unknown section 'rebat'", "did you mean 'rebate'?")
        let greenin = locate("lineFees.greenin", in: text)
        expectDiagnostic(diagnostics, file: path, line: greenin.line, column: greenin.column, "variant 'typo-id'", "names no entry", "did you mean 'greening'?")
    }

    @Test func setValueOfTheWrongType() throws {
        let body = "rebate: {bands: [{rate: 0.3}]}\nvariants:\n  - {name: v, set: {rebate.bands: 0.5, growth.tax: high}}\n"
        let (text, path, diagnostics) = try errors(body)
        let bands = locate("0.5", in: text, after: "rebate.bands:")
        expectDiagnostic(diagnostics, file: path, line: bands.line, column: bands.column, "variant 'v': rebate.bands: expected a list, found '0.5'")
        let high = locate("high", in: text)
        expectDiagnostic(diagnostics, file: path, line: high.line, column: high.column, "variant 'v': growth.tax: expected a number, found 'high'")
    }

    @Test func variantsAreCheckedWhenTheReformHasErrorsWithoutRepeatingThem() throws {
        let body = "rebate: {bands: [{rate: 1.5}]}\nvariants:\n  - {name: v, set: {rollout.default: soon}}\n"
        let (text, path, diagnostics) = try errors(body)
        let rate = locate("1.5", in: text)
        expectDiagnostic(diagnostics, file: path, line: rate.line, column: rate.column, "rebate.bands[0].rate must be between 0 and 1")
        let soon = locate("soon", in: text)
        expectDiagnostic(diagnostics, file: path, line: soon.line, column: soon.column, "variant 'v': rollout.default")
        #expect(diagnostics.filter { $0.message.contains("rebate.bands[0].rate") }.count == 1, "\(diagnostics)")
    }

    // MARK: Units CSV

    @Test func undeclaredDistrictInTheUnitsFile() throws {
        let (_, _, diagnostics) = try errors("", units: Self.units(setting: 3, of: "b", to: "dd"))
        expectDiagnostic(diagnostics, file: unitsPath, line: 3, column: 3, "unit 'b', column 'district': 'dd' is not a declared district", "did you mean 'd'?", "declared: d")
    }

    @Test func duplicateUnitID() throws {
        let (_, _, diagnostics) = try errors("", units: Self.units(setting: 1, of: "b", to: "a"))
        expectDiagnostic(diagnostics, file: unitsPath, line: 3, column: 1, "unit 'a': duplicate id (first used on line 2)")
    }

    @Test func missingColumnStillChecksTheOtherCells() throws {
        let units = Self.units(setting: 6, of: "b", to: "-5")
        let (_, _, diagnostics) = try errors("donations:\n  allocationKey: {populaton: 1}\n  sources: [{id: s, amount: {d: 10}}]\n", units: units)
        expectDiagnostic(diagnostics, file: unitsPath, line: 1, column: nil, "missing column 'populaton'", "did you mean 'population'?", "the header has:")
        expectDiagnostic(diagnostics, file: unitsPath, line: 3, column: 6, "unit 'b', column 'allocation'")
    }

    @Test(arguments: [
        ("", "the cell is empty"), ("abc", "expected a plain decimal"), ("NaN", "NaN and infinity"),
        ("inf", "NaN and infinity"), ("-Infinity", "NaN and infinity"), ("1e3", "exponent notation"),
    ])
    func emptyNonNumericNaNOrInfiniteCell(_ cell: String, _ explanation: String) throws {
        let (_, _, diagnostics) = try errors("", units: Self.units(setting: 5, of: "a", to: cell))
        expectDiagnostic(diagnostics, file: unitsPath, line: 2, column: 5, "unit 'a', column 'tax': found '\(cell)'", explanation)
    }

    @Test func negativeAmount() throws {
        let (_, _, diagnostics) = try errors("", units: Self.units(setting: 6, of: "a", to: "-100"))
        expectDiagnostic(diagnostics, file: unitsPath, line: 2, column: 6, "unit 'a', column 'allocation': found -100", "cannot be negative")
    }

    @Test func thousandsSeparator() throws {
        let (_, _, quoted) = try errors("", units: Self.units(setting: 5, of: "a", to: "\"1,000\""))
        expectDiagnostic(quoted, file: unitsPath, line: 2, column: 5, "unit 'a', column 'tax': found '1,000'", "thousands separators are not allowed")
        // Unquoted, the comma splits the number into two fields.
        let (_, _, unquoted) = try errors("", units: Self.units(setting: 5, of: "a", to: "1,000"))
        expectDiagnostic(unquoted, file: unitsPath, line: 2, column: 5, "'1,000' (column 'tax') looks like a number with a thousands separator", "write 1000")
    }

    @Test func keyColumnSummingToZeroInADistrict() throws {
        let units = Self.units(setting: 7, of: "a", to: "0").replacingOccurrences(of: "乙,d,,2000,200,30", with: "乙,d,,2000,200,0")
        let (text, path, diagnostics) = try errors("donations:\n  allocationKey: {population: 1}\n  sources: [{id: s, amount: {d: 10}}]\n", units: units)
        let key = locate("{population", in: text)
        expectDiagnostic(diagnostics, file: path, line: key.line, column: key.column, "column 'population' sums to 0 over the units of district 'd'")
    }

    @Test func unitsFileSavedAsGB18030IsDecoded() throws {
        // 甲 is BC D7 and 乙 is D2 D2 in GB18030.
        var bytes = [UInt8](Self.units.utf8)
        func replace(_ text: String, with gb: [UInt8]) {
            let utf8 = [UInt8](text.utf8)
            while let start = (0...(bytes.count - utf8.count)).first(where: { Array(bytes[$0..<($0 + utf8.count)]) == utf8 }) {
                bytes.replaceSubrange(start..<(start + utf8.count), with: gb)
            }
        }
        replace("甲", with: [0xBC, 0xD7])
        replace("乙", with: [0xD2, 0xD2])
        try folder.write("units.csv", data: Data(bytes))
        let path = try folder.write("s.yaml", Self.header)
        let loaded = try #require(loadScenario(path))
        #expect(loaded.scenario.units.map(\.name) == ["甲", "乙"])
        #expect(loaded.inputEncodings == [unitsPath: "GB18030"])
        expectDiagnostic(loaded.warnings, file: unitsPath, line: nil, column: nil, severity: .note, "read as GB18030", "CSV UTF-8")
    }

    @Test func unitsFileInAnotherEncodingIsRefused() throws {
        // Latin-1 'é' (E9) before a comma is neither UTF-8 nor GB18030.
        let parts = Self.units.components(separatedBy: "甲")
        try folder.write("units.csv", data: Data(parts[0].utf8) + Data([0xE9]) + Data(parts[1].utf8))
        let path = try folder.write("s.yaml", Self.header)
        expectDiagnostic(loadErrors(path), file: unitsPath, line: 2, column: nil, "not UTF-8", "save it as UTF-8")
    }

    @Test func byteOrderMarksAreAccepted() throws {
        try folder.write("units.csv", "\u{FEFF}" + Self.units)
        let path = try folder.write("s.yaml", "\u{FEFF}" + Self.header)
        let loaded = try #require(loadScenario(path))
        #expect(loaded.scenario.units.map(\.id) == ["a", "b"])
    }

    @Test func correlationMatrixProblemsPointAtTheEntry() throws {
        try folder.write("matrix.csv", "id,a,b\na,1,0.5\nb,0.4,1\n")
        let (_, _, diagnostics) = try errors("growth: {volatility: 0.1, correlation: {matrix: matrix.csv}}\n")
        expectDiagnostic(diagnostics, file: folder.path("matrix.csv"), line: 2, column: 3, "not symmetric", "(1, 2) is 0.5 but (2, 1) is 0.4")
        try folder.write("matrix.csv", "id,a,b\na,1,1\nb,1,1\n")
        let (_, _, singular) = try errors("growth: {volatility: 0.1, correlation: {matrix: matrix.csv}}\n")
        expectDiagnostic(singular, file: folder.path("matrix.csv"), line: 3, column: 3, "not positive definite")
    }

    @Test func everyProblemIsReportedInOnePass() throws {
        let units = Self.units(setting: 5, of: "a", to: "1e3")
        let (_, path, diagnostics) = try errors("growth: {tax: fast}\nrebate: {refrence: fixed, bands: [{rate: 2}]}\n", units: units)
        #expect(diagnostics.filter { $0.file == path }.count == 3, "\(diagnostics)")
        #expect(diagnostics.filter { $0.file == unitsPath }.count == 1, "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.line != nil && $0.column != nil }, "\(diagnostics)")
    }
}
