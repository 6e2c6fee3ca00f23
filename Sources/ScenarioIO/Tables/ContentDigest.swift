import CLibCrypto
import Foundation

/// The SHA-256 of a file's bytes as lowercase hex, as the manifests (`run.json`, `sweep.json`,
/// `shard.json`) record it. The one SHA-256 helper of the package: OpenSSL's libcrypto (EVP
/// interface) through the `CLibCrypto` system-library target, so no Swift crypto package is
/// compiled.
public enum ContentDigest {
    /// Lowercase hex SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String {
        var digest = StreamingDigest()
        digest.update(data)
        return digest.hex
    }
}
