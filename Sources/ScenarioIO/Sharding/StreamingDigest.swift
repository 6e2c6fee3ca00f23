import Crypto
import Foundation

/// SHA-256 over data given piece by piece.
struct StreamingDigest {
    private var hash = SHA256()

    /// Adds `data`.
    mutating func update(_ data: Data) { hash.update(data: data) }

    /// The digest, lower-case hex.
    var hex: String { hash.finalize().map { String(format: "%02x", $0) }.joined() }
}
