import Foundation
import Yams

/// The value of a lever (政策杠杆) as the page and the API carry it: nothing (the scenario does
/// not set it), a number, a word (`never`, `rolling`), or a step function's values per year.
public enum LeverValue: Sendable, Equatable {
    /// Not set in the scenario (its default applies: no cap, no term, the first projected year).
    case none
    /// A number.
    case number(Double)
    /// A word: `never` for a roll-out year, `fixed`/`rolling`/`ratchet` for the reference.
    case word(String)
    /// A step function: the value from each year on, years ascending.
    case steps([Step])

    /// One step of a step function.
    public struct Step: Sendable, Equatable {
        /// The first year the value holds.
        public var year: Int
        /// The value.
        public var value: Double
    }

    /// The value written in the scenario tree at `node` (`nil`: not set).
    init(node: Node?) {
        switch node {
        case .scalar(let scalar)?:
            if scalar.style == .plain, let number = Double(scalar.string) {
                self = .number(number)
            } else {
                self = .word(scalar.string)
            }
        case .mapping(let mapping)?:
            var steps: [Step] = []
            for (key, value) in mapping {
                guard let year = key.int, let number = value.float ?? value.int.map(Double.init) else {
                    self = .none
                    return
                }
                steps.append(Step(year: year, value: number))
            }
            self = .steps(steps.sorted { $0.year < $1.year })
        default:
            self = .none
        }
    }

    /// The JSON the API answers: `null`, a number, a string, or `[{year, value}]`.
    public var json: JSONValue {
        switch self {
        case .none: return .null
        case .number(let value): return .double(value)
        case .word(let word): return .string(word)
        case .steps(let steps):
            return .array(steps.map { .object([("year", .int($0.year)), ("value", .double($0.value))]) })
        }
    }

    /// The value sent in a request's `set` (a number, a string, or a list of `{year, value}`),
    /// or why it is not one.
    public static func from(json: JSONValue) -> Result<LeverValue, ServerError.Problem> {
        let expected = "expected a number, a word such as never, or a list of {\"year\": 2028, \"value\": 0.35} steps"
        switch json {
        case .number(let text):
            guard let value = Double(text), value.isFinite else { return .failure(.init(path: "", message: "'\(text)' is not a finite number")) }
            return .success(.number(value))
        case .string(let word):
            guard !word.isEmpty, word.count <= 64 else { return .failure(.init(path: "", message: "a word value must have 1 to 64 characters; \(expected)")) }
            return .success(.word(word))
        case .array(let items):
            guard !items.isEmpty, items.count <= 500 else { return .failure(.init(path: "", message: "a step function needs 1 to 500 steps; \(expected)")) }
            var steps: [Step] = []
            for item in items {
                guard case .number(let yearText)? = item["year"], let year = Int(yearText),
                    case .number(let valueText)? = item["value"], let value = Double(valueText), value.isFinite
                else { return .failure(.init(path: "", message: expected)) }
                if steps.contains(where: { $0.year == year }) {
                    return .failure(.init(path: "", message: "the year \(year) is given twice; give each year one step"))
                }
                steps.append(Step(year: year, value: value))
            }
            return .success(.steps(steps.sorted { $0.year < $1.year }))
        default:
            return .failure(.init(path: "", message: expected))
        }
    }

    /// The value as it stands in a page URL or a download query: `0.35`, `never`,
    /// `2026:0.5,2028:0.8`.
    public var queryText: String {
        switch self {
        case .none: return ""
        case .number(let value): return JSONValue.double(value).text
        case .word(let word): return word
        case .steps(let steps): return steps.map { "\($0.year):\(JSONValue.double($0.value).text)" }.joined(separator: ",")
        }
    }

    /// The value of a query parameter (see `queryText`); words are anything that is not a number
    /// or a list of steps.
    public static func from(query text: String) -> Result<LeverValue, ServerError.Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Double(trimmed), number.isFinite { return .success(.number(number)) }
        if trimmed.contains(":") {
            var steps: [JSONValue] = []
            for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
                guard pieces.count == 2, let year = Int(pieces[0]), let value = Double(pieces[1]), value.isFinite else {
                    return .failure(.init(path: "", message: "'\(text)' is not a list of steps; write YEAR:VALUE pairs such as 2026:0.5,2028:0.8"))
                }
                steps.append(.object([("year", .int(year)), ("value", .double(value))]))
            }
            return from(json: .array(steps))
        }
        return from(json: .string(trimmed))
    }
}
