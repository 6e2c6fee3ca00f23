/// The keys a pinned test file may use.
enum PinKeys {
    /// Keys a case may carry; at the top level they are the defaults of every case.
    static let caseKeys = [
        "name", "scenario", "set", "variant", "table", "absoluteTolerance", "relativeTolerance", "expect", "expectError",
    ] + PinCommand.keys
    /// Top-level keys.
    static let topLevel = ["description"] + caseKeys + ["cases"]
    /// Keys of one expectation.
    static let expectation = ["table", "key", "column", "value", "values", "absoluteTolerance", "relativeTolerance"]
    /// The variant matched when neither the expectation's key nor the case names one.
    static let defaultVariant = "reform"
}
