extension ShortestDecimal {
    /// Calls `body` with the UTF-8 bytes of `value.description` (最短往返十进制, the standard
    /// library's shortest round-trip text). Up to 15 bytes the text is a small string held
    /// inline, so a typical cell costs no heap allocation; the bytes are read in place.
    static func withShortestText(_ value: Double, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = value.description
        text.withUTF8(body)
    }
}
