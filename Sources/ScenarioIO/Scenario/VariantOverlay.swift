import Yams

/// Applies a variant's `set` entries to the scenario tree (model.md §11, §13): dotted paths, list
/// entries with an `id` addressed by it (others by index), a digit segment addressing a
/// step-function year, missing intermediate mappings created, the value replaced whole.
struct VariantOverlay {
    /// Why a path could not be applied.
    struct Failure: Error {
        var message: String
    }

    /// The first projected year, used when a digit segment turns a scalar into a step function.
    let firstYear: Int

    /// `root` with `value` placed at the dotted `path`; new nodes carry `mark` for diagnostics.
    func apply(_ value: Node, at path: String, to root: Node, mark: Mark?) throws(Failure) -> Node {
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !segments.contains(where: \.isEmpty) else {
            throw Failure(message: "'\(path)' is not a valid path; write dotted keys like rebate.bands or lineFees.greening.transferShare")
        }
        return try place(value, segments[...], in: root, walked: [], mark: mark)
    }

    private func place(_ value: Node, _ segments: ArraySlice<String>, in node: Node?, walked: [String], mark: Mark?) throws(Failure) -> Node {
        guard let segment = segments.first else { return value }
        let rest = segments.dropFirst()
        let here = (walked + [segment]).joined(separator: ".")
        switch node {
        case .sequence(let sequence)?:
            var items = Array(sequence)
            let byID = items.firstIndex { $0.mapping?["id"]?.string == segment }
            guard let index = byID ?? Int(segment).flatMap({ items.indices.contains($0) ? $0 : nil }) else {
                let ids = items.compactMap { $0.mapping?["id"]?.string }
                let known = ids.isEmpty ? "entries 0…\(items.count - 1)" : "ids \(ids.joined(separator: ", "))"
                throw Failure(message: "'\(here)' names no entry of the list \(walked.joined(separator: "."))\(Suggestion.hint(for: segment, in: ids)); it has \(known)")
            }
            items[index] = try place(value, rest, in: items[index], walked: walked + [segment], mark: mark)
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
        case .mapping(let mapping)?:
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            if let index = pairs.firstIndex(where: { $0.0.string == segment }) {
                pairs[index].1 = try place(value, rest, in: pairs[index].1, walked: walked + [segment], mark: mark)
            } else {
                let key = Node.scalar(Node.Scalar(segment, Tag(Int(segment) != nil ? .int : .str), .plain, mark))
                pairs.append((key, try place(value, rest, in: nil, walked: walked + [segment], mark: mark)))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .scalar(let scalar)? where Int(segment) != nil && rest.isEmpty && scalar.style == .plain && Double(scalar.string) != nil:
            // A digit segment on a scalar parameter: the scalar stays in force until that year.
            let first = Node.scalar(Node.Scalar(String(firstYear), Tag(.int), .plain, scalar.mark))
            let year = Node.scalar(Node.Scalar(segment, Tag(.int), .plain, mark))
            if Int(segment)! <= firstYear { return .mapping(Node.Mapping([(year, value)], .implicit, .flow, mark)) }
            return .mapping(Node.Mapping([(first, node!), (year, value)], .implicit, .flow, mark))
        case nil:
            let created = Node.mapping(Node.Mapping([], .implicit, .block, mark))
            return try place(value, segments, in: created, walked: walked, mark: mark)
        default:
            throw Failure(message: "'\(here)' cannot be set: '\(walked.joined(separator: "."))' is a single value, not a mapping or list")
        }
    }
}
