/// The one number formatter of the tool (数字格式): every number written into an output file or a
/// message goes through it, in one of a few styles. Each style appends ASCII bytes to a buffer
/// (`append(_:to:)`, for the large tables: no intermediate `String` but the digit list of
/// `ShortestDecimal`) or returns the same bytes as text (`text(_:)`).
public struct NumberText: Sendable {
    /// How a number is written.
    public enum Style: Sendable, Equatable {
        /// The shortest round-trip digits without an exponent (`0.00001`, not `1e-05`, so that
        /// the text reads back as a YAML number), a whole value with `.0` (`2026.0`) as Python's
        /// `repr` writes it: the swept values.
        case plain
        /// As `plain` but a whole value without `.0` (`2026`, `0.5`, `-3.25`, zero as `0`):
        /// solve's numbers, the calibration files, pinned values.
        case trimmed
        /// Swift's shortest text, exponent included (`1e-05`), without a trailing `.0`: numbers
        /// quoted in messages.
        case message
        /// As `trimmed` after rounding to at most 12 significant digits (`0.30000000000000004` →
        /// `0.3`, `0.34952688217163086` → `0.349526882172`): numbers a person reads on screen,
        /// whose files keep full precision (solve's printed answer, model.md §22).
        case display
        /// An amount rounded by model.md §13's rule (`MoneyRounding.round(_:)`, in floating point
        /// when the scaled value is clearly away from a rounding tie): the Monte Carlo tables.
        case rounded(MoneyRounding)
    }

    /// The style.
    public let style: Style

    /// A formatter writing `style`.
    public init(_ style: Style) {
        self.style = style
    }

    /// `plain`: `2026.0`, `0.00001`.
    public static let plain = NumberText(.plain)
    /// `trimmed`: `2026`, `0.00001`.
    public static let trimmed = NumberText(.trimmed)
    /// `message`: `2026`, `1e-05`.
    public static let message = NumberText(.message)
    /// `display`: `0.3` for `0.30000000000000004`.
    public static let display = NumberText(.display)

    /// The text of `value`.
    public func text(_ value: Double) -> String {
        if case let .rounded(rounding) = style { return rounding.text(value) }
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `value` to `bytes`.
    public func append(_ value: Double, to bytes: inout [UInt8]) {
        switch style {
        case .plain: Self.appendDecimal(ShortestDecimal(value), wholeSuffix: true, to: &bytes)
        case .trimmed: Self.appendDecimal(ShortestDecimal(value), wholeSuffix: false, to: &bytes)
        case .display: Self.appendDecimal(ShortestDecimal(value).significant(12), wholeSuffix: false, to: &bytes)
        case .message:
            let text = value.description
            bytes.append(contentsOf: (text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)).utf8)
        case let .rounded(rounding): rounding.round(value).append(to: &bytes)
        }
    }

    /// The whole number `value` is, if it is one (`2026.0` → 2026).
    public static func integer(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    private static func appendDecimal(_ decimal: ShortestDecimal, wholeSuffix: Bool, to bytes: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        guard !decimal.digits.isEmpty else {
            bytes.append(contentsOf: wholeSuffix ? Array("0.0".utf8) : [zero])
            return
        }
        if decimal.isNegative { bytes.append(UInt8(ascii: "-")) }
        let digits = decimal.digits
        let point = decimal.pointPosition
        if point <= 0 {
            bytes.append(contentsOf: [zero, UInt8(ascii: ".")])
            bytes.append(contentsOf: repeatElement(zero, count: -point))
            bytes.append(contentsOf: digits.lazy.map { $0 + zero })
        } else if point >= digits.count {
            bytes.append(contentsOf: digits.lazy.map { $0 + zero })
            bytes.append(contentsOf: repeatElement(zero, count: point - digits.count))
            if wholeSuffix { bytes.append(contentsOf: [UInt8(ascii: "."), zero]) }
        } else {
            bytes.append(contentsOf: digits[..<point].lazy.map { $0 + zero })
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[point...].lazy.map { $0 + zero })
        }
    }
}

