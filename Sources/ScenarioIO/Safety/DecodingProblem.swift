import Foundation

/// A plain sentence for why a JSON file of ours (`shard.json`, `run.json`) could not be decoded,
/// instead of Swift's `DecodingError.dataCorrupted(…)` dump (issue 23).
enum DecodingProblem {
    /// What is wrong with the file, e.g. "it is not valid JSON (cut short or edited?)".
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return InputFile.reason(error) }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON (cut short or edited?)" : "\(path(context)) has an invalid value"
        case .keyNotFound(let key, let context):
            return "the key \(QuotedValue.quote((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        @unknown default:
            return "it cannot be read"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        QuotedValue.quote(context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "."))
    }
}
