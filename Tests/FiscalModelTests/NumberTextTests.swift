import FiscalModel
import Testing

@Suite("NumberText: the one number formatter")
struct NumberTextTests {
    @Test(arguments: [
        // value, plain, trimmed, message — written out by hand.
        (2026.0, "2026.0", "2026", "2026"),
        (0.5, "0.5", "0.5", "0.5"),
        (-3.25, "-3.25", "-3.25", "-3.25"),
        (0.00001, "0.00001", "0.00001", "1e-05"),
        (1.5e20, "150000000000000000000.0", "150000000000000000000", "1.5e+20"),
        (0.0, "0.0", "0", "0"),
        (-0.0, "0.0", "0", "-0"),
        (0.1 + 0.2, "0.30000000000000004", "0.30000000000000004", "0.30000000000000004"),
        (120.0, "120.0", "120", "120"),
    ])
    func styles(value: Double, plain: String, trimmed: String, message: String) {
        #expect(NumberText.plain.text(value) == plain)
        #expect(NumberText.trimmed.text(value) == trimmed)
        #expect(NumberText.message.text(value) == message)
    }

    @Test func appendWritesTheSameBytesAsText() {
        let styles = [NumberText.plain, .trimmed, .message, NumberText(.rounded(MoneyRounding(precision: 2, rule: .halfUp)))]
        var bytes: [UInt8] = Array("x,".utf8)
        for style in styles {
            style.append(2.675, to: &bytes)
            bytes.append(UInt8(ascii: ","))
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "x,2.675,2.675,2.675,2.68,")
    }

    @Test func integerIsOnlyForWholeFiniteValues() {
        #expect(NumberText.integer(2026.0) == 2026)
        #expect(NumberText.integer(-4.0) == -4)
        #expect(NumberText.integer(0.5) == nil)
        #expect(NumberText.integer(.infinity) == nil)
        #expect(NumberText.integer(1e15) == nil)
    }
}
