#if !FISCAL_SIM_FUZZ
import Crypto
#endif
import Foundation

/// The SHA-256 of a file's bytes as lowercase hex, as the manifests (`run.json`, `sweep.json`,
/// `shard.json`) record it. The one place swift-crypto is used, so the fuzz build (`Fuzz/`,
/// built with `FISCAL_SIM_FUZZ`) can leave it out: there every digest is empty.
public enum ContentDigest {
    /// Lowercase hex SHA-256 of `data` (empty in the fuzz build, which writes nothing).
    public static func sha256(_ data: Data) -> String {
        #if FISCAL_SIM_FUZZ
        return ""
        #else
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        #endif
    }
}

/// SHA-256 over data given piece by piece (a merge hashes each shard table as it streams it).
struct StreamingDigest {
    #if !FISCAL_SIM_FUZZ
    private var hash = SHA256()
    #endif

    /// Adds `data`.
    mutating func update(_ data: Data) {
        #if !FISCAL_SIM_FUZZ
        hash.update(data: data)
        #endif
    }

    /// The digest, lower-case hex (empty in the fuzz build).
    var hex: String {
        #if FISCAL_SIM_FUZZ
        return ""
        #else
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
        #endif
    }
}
