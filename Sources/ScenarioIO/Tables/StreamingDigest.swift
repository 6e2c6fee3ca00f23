import CLibCrypto
import Foundation

/// SHA-256 over data given piece by piece (a merge hashes each shard table as it streams it).
struct StreamingDigest {
    /// The OpenSSL digest context, owned by a class so that it is freed exactly once.
    private final class Context {
        let pointer: OpaquePointer
        init() {
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                fatalError("OpenSSL could not start a SHA-256 digest")
            }
            pointer = context
        }
        deinit { EVP_MD_CTX_free(pointer) }
    }

    private let context = Context()

    /// Adds `data`.
    mutating func update(_ data: Data) {
        data.withUnsafeBytes { bytes in
            _ = EVP_DigestUpdate(context.pointer, bytes.baseAddress, bytes.count)
        }
    }

    /// The digest, lower-case hex. Call once: it finishes the digest.
    var hex: String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context.pointer, &out, &length)
        let hexDigits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(Int(length) * 2)
        for byte in out.prefix(Int(length)) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
