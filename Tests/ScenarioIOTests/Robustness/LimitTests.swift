import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 14, item 1 (model.md §19): the limits on input values, scalar-for-list errors and every
/// problem of a units row — each a case that used to pass `validate` and crash or hang `run`.
@Suite("Robustness: input limits")
struct LimitTests {
    let cases: ValidationTests
    init() throws { cases = try ValidationTests() }

    var unitsPath: String { cases.folder.path("units.csv") }

    /// The reported cases: a 40-digit tax cell, a 26-digit fee cell (both a crash and a hang).
    @Test(arguments: [(5, "9999999999999999999999999999999999999999"), (9, "99999999999999999999999999"), (8, "1000000000000001")])
    func hugeCellIsAnErrorAtItsCell(column: Int, value: String) throws {
        let units = ValidationTests.units(setting: column, of: "a", to: value)
        let (_, _, diagnostics) = try cases.errors(ValidationTests.greening, units: units)
        expectDiagnostic(diagnostics, file: unitsPath, line: 2, column: column, "unit 'a'", "found \(value)", "at most 1e15")
    }

    @Test func cellAtTheLimitIsAccepted() throws {
        let units = ValidationTests.units(setting: 8, of: "a", to: "1000000000000000")
        let (_, path) = try cases.write(ValidationTests.greening, units: units)
        #expect(loadScenario(path) != nil)
    }

    @Test(arguments: ["1e40", "2147483648", "10.5"])
    func growthAboveTenIsAnError(value: String) throws {
        let (text, path, diagnostics) = try cases.errors("growth: {tax: \(value)}\n")
        let at = locate(value, in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "growth.tax must be ≤ 10", "0.06 means 6 %", "found \(value)")
    }

    @Test func growthInAStepFunctionOrFeeIsLimitedToo() throws {
        let body = ValidationTests.greening.replacingOccurrences(of: "transferShare: 0.5", with: "transferShare: 0.5, growth: 2100")
            + "allocation: {indexation: {2026: 0.02, 2028: 11}}\n"
        let (text, path, diagnostics) = try cases.errors(body)
        let fee = locate("2100", in: text)
        expectDiagnostic(diagnostics, file: path, line: fee.line, column: fee.column, "lineFees.greening.growth must be ≤ 10")
        let step = locate("11}", in: text)
        expectDiagnostic(diagnostics, file: path, line: step.line, column: step.column, "allocation.indexation.2028 must be ≤ 10")
    }

    @Test func growthAboveOneIsAWarningAndStillLoads() throws {
        let (text, path) = try cases.write("growth: {tax: 1.5}\n")
        let loaded = try #require(loadScenario(path))
        let at = locate("1.5", in: text)
        expectDiagnostic(loaded.warnings, file: path, line: at.line, column: at.column, severity: .warning, "growth.tax is above 1 (150 % a year)", "0.06 means 6 %")
    }

    @Test func amountParameterAboveTheLimitIsAnError() throws {
        let body = "needs: [{id: staff, indicator: population, unitCost: 1.0e+300}]\n"
        let (text, path, diagnostics) = try cases.errors(body)
        let at = locate("1.0e+300", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "needs.staff.unitCost must be at most 1e15", "found 1.0e+300")
    }

    @Test func unitsFileGrowthCellsAreLimited() throws {
        let header = "id,district,tax,allocation,tax_growth\n"
        let (_, _, diagnostics) = try cases.errors("", units: header + "a,d,100,10,11\nb,d,100,10,0.02\n")
        expectDiagnostic(diagnostics, file: unitsPath, line: 2, column: 5, "unit 'a', column 'tax_growth'", "must be ≤ 10")
        let (_, path) = try cases.write("", units: header + "a,d,100,10,2\nb,d,100,10,0.02\n")
        let loaded = try #require(loadScenario(path))
        expectDiagnostic(loaded.warnings, file: unitsPath, line: 2, column: 5, severity: .warning, "growth rate 2 is above 1", "0.06 means 6 %")
    }

    @Test func scalarWhereAListBelongsShowsTheListForm() throws {
        let (text, path, diagnostics) = try cases.errors("rebate: {bands: [{rate: 0.3}], eligibility: {excludeTags: village-converted}}\n")
        let at = locate("village-converted", in: text)
        expectDiagnostic(diagnostics, file: path, line: at.line, column: at.column, "rebate.eligibility.excludeTags: expected a list", "write it as a list: [village-converted]")
        let (bandsText, bandsPath, bands) = try cases.errors("rebate: {bands: {rate: 0.3}}\n")
        let mapping = locate("{rate", in: bandsText)
        expectDiagnostic(bands, file: bandsPath, line: mapping.line, column: mapping.column, "rebate.bands: expected a list", "[{rate: 0.3}]")
    }

    @Test func duplicateIdDoesNotHideTheRowsOtherProblems() throws {
        let units = ValidationTests.units + "a,丙,nowhere,,-5,x,1,1,1\n"
        let (_, _, diagnostics) = try cases.errors("", units: units)
        expectDiagnostic(diagnostics, file: unitsPath, line: 4, column: 1, "unit 'a': duplicate id (first used on line 2)")
        expectDiagnostic(diagnostics, file: unitsPath, line: 4, column: 3, "'nowhere' is not a declared district")
        expectDiagnostic(diagnostics, file: unitsPath, line: 4, column: 5, "column 'tax': found -5")
        expectDiagnostic(diagnostics, file: unitsPath, line: 4, column: 6, "column 'allocation': found 'x'")
    }

    /// Whole numbers whose arithmetic would overflow (years, terms) are errors, not traps.
    @Test func hugeWholeNumbersAreErrors() throws {
        let huge = "9223372036854775807"
        let (yearsText, yearsPath, years) = try cases.errors(
            "", header: "name: t\nyears: {base: \(huge), end: 2028}\nunits: units.csv\ndistricts: [{id: d}]\n")
        let base = locate(huge, in: yearsText)
        expectDiagnostic(years, file: yearsPath, line: base.line, column: base.column, "years.base must be ≤ 9999")
        let (_, _, span) = try cases.errors("", header: "name: t\nyears: {base: 2025, end: 9000}\nunits: units.csv\ndistricts: [{id: d}]\n")
        #expect(span.contains { $0.message.contains("at most 500 projected years") })
        let (termText, termPath, term) = try cases.errors("rebate: {termYears: \(huge), bands: [{rate: 0.3}]}\n")
        let at = locate(huge, in: termText)
        expectDiagnostic(term, file: termPath, line: at.line, column: at.column, "rebate.termYears must be ≤ 1e15")
    }
}
