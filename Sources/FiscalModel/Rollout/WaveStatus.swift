/// Where a wave stands on one path (model.md §20), packed in an `Int32` for per-path buffers:
/// undecided (still watching its pilots), adopted in a year, or abandoned in a year.
public enum WaveStatus: Sendable, Equatable, Hashable {
    /// Not decided yet.
    case undecided
    /// Adopted from this projected year index on (A_w).
    case adopted(Int)
    /// Abandoned (A_w = never) in this projected year index.
    case abandoned(Int)

    /// The packed form: −1 undecided, y ≥ 0 adopted in y, −2 − y abandoned in y.
    @inlinable public var code: Int32 {
        switch self {
        case .undecided: return -1
        case .adopted(let y): return Int32(y)
        case .abandoned(let y): return Int32(-2 - y)
        }
    }

    /// The status of a packed code.
    @inlinable public init(code: Int32) {
        if code == -1 {
            self = .undecided
        } else if code >= 0 {
            self = .adopted(Int(code))
        } else {
            self = .abandoned(Int(-2 - code))
        }
    }

    /// The adoption year index, if adopted.
    public var adoptedIndex: Int? {
        if case .adopted(let y) = self { return y }
        return nil
    }

    /// The year index it was abandoned in, if abandoned.
    public var abandonedIndex: Int? {
        if case .abandoned(let y) = self { return y }
        return nil
    }
}
