import FiscalModel

/// Writes rounded amounts as bytes, fast: the same text as `MoneyRounding.text(_:)` (SPEC
/// §13: the shortest round-trip decimal rounded by the scenario's rule), computed in floating
/// point when the scaled value is clearly away from a rounding tie and by `MoneyRounding`
/// otherwise. Used for the large Monte Carlo tables.
struct DecimalText: Sendable {
    /// The exact rounding this writer reproduces.
    let rounding: MoneyRounding
    private let scale: Double

    /// A writer for `rounding`.
    init(_ rounding: MoneyRounding) {
        self.rounding = rounding
        var scale = 1.0
        for _ in 0..<rounding.precision { scale *= 10 }
        self.scale = scale
    }

    /// Appends the text of `value` to `bytes`.
    func append(_ value: Double, to bytes: inout [UInt8]) {
        let scaled = abs(value) * scale
        if scaled < 1e15 {
            let whole = scaled.rounded(.down)
            let fraction = scaled - whole
            // |scaled − exact decimal × 10^precision| is below a few ulps of `scaled`.
            let tolerance = 1e-9 + scaled * 1e-13
            if abs(fraction - 0.5) > tolerance {
                let units = Int64(fraction > 0.5 ? whole + 1 : whole)
                appendUnits(units, negative: value < 0, to: &bytes)
                return
            }
        }
        bytes.append(contentsOf: rounding.text(value).utf8)
    }

    /// Appends `units` × 10^-precision with a sign unless zero.
    private func appendUnits(_ units: Int64, negative: Bool, to bytes: inout [UInt8]) {
        if negative && units != 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = units
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count <= rounding.precision
            for position in stride(from: count - 1, through: 0, by: -1) {
                if position == rounding.precision - 1 { bytes.append(UInt8(ascii: ".")) }
                bytes.append(buffer[position])
            }
        }
    }
}
