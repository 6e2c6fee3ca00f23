/// A rewrite of one expected value in a test file.
struct PinEdit: Sendable {
    /// Where the value's scalar starts.
    var position: SourcePosition
    /// The value to write.
    var value: PinValue
}
