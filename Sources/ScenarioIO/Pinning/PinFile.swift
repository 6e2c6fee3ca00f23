/// A pinned test file (`fiscal-sim test`): cases that run a scenario and compare cells of its
/// output tables with approved values, or expect the scenario to be rejected.
public struct PinFile: Sendable {
    /// The file as the user named it (diagnostics and failures name it so).
    public var path: String
    /// The file's text (as read, without a byte-order mark), kept for `--update`.
    var text: String
    /// The cases, in file order.
    public var cases: [PinCase]

    /// Number of checks in the file: each expectation and each expected error counts once.
    public var checkCount: Int { cases.reduce(0) { $0 + $1.checkCount } }
}
