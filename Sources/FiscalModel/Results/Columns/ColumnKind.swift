/// What an output column holds (列类型), which decides how it is written and typed in
/// `datapackage.json`.
public enum ColumnKind: String, Sendable {
    /// Identifiers and names.
    case string
    /// Whole numbers (years, counts).
    case integer
    /// `true`/`false`.
    case boolean
    /// Money in the scenario's unit (rounded by its precision and rule).
    case money
    /// A ratio (no unit, 6 decimals).
    case ratio
    /// Another number.
    case number

    /// The Table Schema type.
    public var tableSchemaType: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .money, .ratio, .number: return "number"
        }
    }
}

/// What one output column means (列说明): its kind, an English description and its Chinese
/// title (the `--lang zh` header).
public struct ColumnEntry: Sendable, Equatable {
    /// Kind.
    public var kind: ColumnKind
    /// English description.
    public var description: String
    /// Chinese title.
    public var chinese: String

    /// Creates an entry.
    public init(kind: ColumnKind, description: String, chinese: String) {
        self.kind = kind
        self.description = description
        self.chinese = chinese
    }
}
