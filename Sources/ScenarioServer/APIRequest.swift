import Foundation
import Hummingbird

/// A request to the what-if API (model.md §21), read from a JSON body or a page URL's query:
/// `variant` (default `reform`), `set` (point path → value), and for the other routes `paths`,
/// `seed`, `lever`, `from`, `to`, `points`, `lang`. Everything is checked here; a problem is a
/// 400 naming the field.
struct APIRequest: Sendable {
    /// The largest body accepted (model.md §21: larger is a 413).
    static let maximumBody = 64 * 1024
    /// The most changed levers in one request.
    static let maximumChanges = 200

    /// The starting variant.
    var variant = "reform"
    /// The changed levers, in the order given.
    var changes: [WhatIfScenario.Change] = []
    /// Other fields by name.
    var fields: [String: JSONValue] = [:]

    /// The JSON body of `request`, allowing `allowed` fields besides `variant` and `set`.
    static func body(of request: Request, allowed: Set<String>) async throws(ServerError) -> APIRequest {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumBody)
        } catch {
            throw ServerError.tooLarge(limit: maximumBody)
        }
        if buffer.readableBytes == 0 { return APIRequest() }
        guard let json = JSONValue.parse(Data(buffer.readableBytesView)), case .object(let pairs) = json else {
            throw ServerError.badRequest(path: "", "the body is not a JSON object; send e.g. {\"variant\": \"reform\", \"set\": {\"rebate.bands.0.rate\": 0.35}}")
        }
        var parsed = APIRequest()
        var problems: [ServerError.Problem] = []
        for (key, value) in pairs {
            switch key {
            case "variant":
                if case .string(let name) = value { parsed.variant = name } else if value != .null {
                    problems.append(.init(path: "variant", message: "expected the name of a variant (a string), e.g. \"reform\""))
                }
            case "set":
                switch value {
                case .object(let entries):
                    if entries.count > maximumChanges {
                        problems.append(.init(path: "set", message: "at most \(maximumChanges) levers can be changed at once"))
                        continue
                    }
                    for (path, entry) in entries {
                        switch LeverValue.from(json: entry) {
                        case .success(let lever): parsed.changes.append(.init(path: path, value: lever))
                        case .failure(let problem): problems.append(.init(path: "set.\(path)", message: problem.message))
                        }
                    }
                case .null: break
                default: problems.append(.init(path: "set", message: "expected an object from lever path to value, e.g. {\"rebate.bands.0.rate\": 0.35}"))
                }
            case _ where allowed.contains(key):
                parsed.fields[key] = value
            default:
                let known = (["variant", "set"] + allowed.sorted()).joined(separator: ", ")
                problems.append(.init(path: key, message: "unknown field '\(key)'; this request takes \(known)"))
            }
        }
        guard problems.isEmpty else { throw ServerError.badRequest(problems) }
        return parsed
    }

    /// The page URL's query (`variant=…&lang=…&PATH=VALUE…`, see `LeverValue.queryText`; the
    /// download also takes `format=yaml` for "Save scenario").
    static func query(_ query: String) throws(ServerError) -> APIRequest {
        var parsed = APIRequest()
        var problems: [ServerError.Problem] = []
        let items = URLComponents(string: "?" + query)?.queryItems ?? []
        guard items.count <= maximumChanges + 2 else {
            throw ServerError.badRequest(path: "", "at most \(maximumChanges) levers can be changed at once")
        }
        for item in items {
            let value = item.value ?? ""
            switch item.name {
            case "variant": parsed.variant = value
            case "lang", "format": parsed.fields[item.name] = .string(value)
            default:
                switch LeverValue.from(query: value) {
                case .success(let lever): parsed.changes.append(.init(path: item.name, value: lever))
                case .failure(let problem): problems.append(.init(path: "set.\(item.name)", message: problem.message))
                }
            }
        }
        guard problems.isEmpty else { throw ServerError.badRequest(problems) }
        return parsed
    }

    /// The whole number in `field` within `range`, `fallback` when absent.
    func integer(_ field: String, in range: ClosedRange<Int>, fallback: Int?) throws(ServerError) -> Int {
        guard let value = fields[field], value != .null else {
            guard let fallback else { throw ServerError.badRequest(path: field, "'\(field)' is required") }
            return fallback
        }
        guard case .number(let text) = value, let number = Double(text), number == number.rounded(),
            number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else {
            throw ServerError.badRequest(path: field, "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    /// The number in `field`.
    func number(_ field: String) throws(ServerError) -> Double {
        guard case .number(let text)? = fields[field], let number = Double(text), number.isFinite else {
            throw ServerError.badRequest(path: field, "'\(field)' must be a number")
        }
        return number
    }

    /// The text in `field`.
    func text(_ field: String) throws(ServerError) -> String {
        guard case .string(let text)? = fields[field] else { throw ServerError.badRequest(path: field, "'\(field)' must be a string") }
        return text
    }
}
