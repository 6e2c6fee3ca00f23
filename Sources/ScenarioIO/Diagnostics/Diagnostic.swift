/// A problem found in the user's input, with where it is.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Error (the input cannot be run) or warning (it can, but is probably not what was meant).
    public enum Severity: String, Sendable, Equatable {
        /// The input cannot be run.
        case error
        /// Suspicious but runnable.
        case warning
        /// For information (e.g. which encoding a file was read in).
        case note
    }

    /// The file, as the user named it.
    public var file: String
    /// 1-based line, if known.
    public var line: Int?
    /// 1-based column (a CSV's field number), if known.
    public var column: Int?
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, what was found and what is allowed.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = QuotedValue.limitingQuotedRuns(message)
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE` (model.md §12), with as much of the location as is known.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// The input was invalid: every problem found, in file order.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The problems (at least one error).
    public var diagnostics: [Diagnostic]

    /// Creates an input error.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
