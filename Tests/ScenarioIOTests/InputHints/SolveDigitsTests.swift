import FiscalModel
import Foundation
import Testing

@testable import ScenarioIO

/// Issue 21 (5): `solve` prints at most 12 significant digits (no `0.34952688217163086` or
/// `0.30000000000000004` on screen); `solve.json` keeps every digit.
@Suite("Solve's printed digits")
struct SolveDigitsTests {
    @Test("display rounds to 12 significant digits and drops the noise of binary fractions")
    func display() {
        #expect(NumberText.display.text(0.30000000000000004) == "0.3")
        #expect(NumberText.display.text(0.34952688217163086) == "0.349526882172")
        #expect(NumberText.display.text(0.1 + 0.2) == "0.3")
        #expect(NumberText.display.text(2026) == "2026")
        #expect(NumberText.display.text(-3522.13) == "-3522.13")
        #expect(NumberText.display.text(20147.099999999999) == "20147.1")
        #expect(NumberText.display.text(0.0000001) == "0.0000001")
        #expect(NumberText.display.text(0) == "0")
        // Rounding carries into a new leading digit: 12 nines and a 5 become a power of ten.
        #expect(NumberText.display.text(9.9999999999995) == "10")
        #expect(NumberText.display.text(-0.99999999999951) == "-1")
        #expect(NumberText.display.text(123456789012.46) == "123456789012")
    }

    /// The significant digits of a printed number (`0.0292565822601` → 12).
    static func significantDigits(_ number: Substring) -> Int {
        number.drop { $0 == "-" || $0 == "0" || $0 == "." }.filter(\.isNumber).count
    }

    @Test("every number solve prints has at most 12 significant digits; solve.json keeps full precision")
    func printedLines() throws {
        let template = try ScenarioTemplate(path: SweepRun.siming)
        let solver = try Solver(template: template, path: "incentive.elasticity", lo: 0, hi: 0.1, metric: "reform_effect", target: 0, threads: 2)
        let report = SolveReport(solver, outcome: try solver.run())
        let numbers = report.lines.joined(separator: "\n").matches(of: /-?[0-9]+(\.[0-9]+)?/).map { $0.output.0 }
        #expect(numbers.count >= 6)
        for number in numbers { #expect(Self.significantDigits(number) <= 12, "\(number) has more than 12 significant digits") }
        // The answer as printed is the answer rounded to 12 digits, not another number.
        let x = try #require(report.outcome.x)
        #expect(report.lines[0].hasPrefix("incentive.elasticity = \(NumberText.display.text(x)) reaches"))
        let json = try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
        #expect(json?["x"] as? Double == x)
        #expect(NumberText.trimmed.text(x).count > NumberText.display.text(x).count)
    }
}
