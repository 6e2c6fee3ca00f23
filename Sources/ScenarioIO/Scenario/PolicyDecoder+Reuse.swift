import FiscalModel
import Foundation
import Yams

extension PolicyDecoder {
    /// A policy section decoded once: its value and what decoding it recorded (the units
    /// columns, allocation keys and tags it names, its warnings).
    struct DecodedSection: @unchecked Sendable {
        enum Value {
            case lineFees([LineFeePolicy])
            case donations(DonationPolicy?)
            case needs([NeedItem])
        }

        var value: Value
        var columns: [ColumnReference]
        var keys: [KeyReference]
        var tags: [(tag: String, node: Node)]
        var diagnostics: [Diagnostic]
    }

    /// Policy sections decoded once and reused by every later decode of a tree whose section is
    /// the same node (复用): the points of a sweep or solve and the what-if page's lever moves
    /// each change a few keys of one template, and line fees (条费), donations and needs are
    /// usually not among them. Shared by the threads that decode points.
    final class SectionCache: @unchecked Sendable {
        private var sections: [String: DecodedSection] = [:]
        private let lock = NSLock()

        subscript(section: String) -> DecodedSection? {
            get { lock.withLock { sections[section] } }
            set { lock.withLock { sections[section] = newValue } }
        }
    }

    /// The cache a decode may use and the top-level sections its tree has changed from the tree
    /// the cache was filled from (those are decoded afresh).
    struct Reuse {
        var cache: SectionCache
        var changed: Set<String>
    }

    /// `section` decoded by `decode`, or as recorded in `reuse` when the tree has not changed it:
    /// the same value, references and diagnostics, in the same order.
    mutating func reusing(_ section: String, _ decode: (inout PolicyDecoder) -> DecodedSection.Value) -> DecodedSection.Value {
        guard let reuse, !reuse.changed.contains(section) else { return decode(&self) }
        if let saved = reuse.cache[section] {
            columns += saved.columns
            keys += saved.keys
            tagReferences += saved.tags
            reader.append(saved.diagnostics)
            return saved.value
        }
        let before = (columns.count, keys.count, tagReferences.count, reader.diagnostics.count)
        let value = decode(&self)
        reuse.cache[section] = DecodedSection(
            value: value, columns: Array(columns[before.0...]), keys: Array(keys[before.1...]),
            tags: Array(tagReferences[before.2...]), diagnostics: Array(reader.diagnostics[before.3...]))
        return value
    }
}
