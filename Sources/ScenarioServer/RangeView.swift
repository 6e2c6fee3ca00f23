/// The range view (model.md §21): one lever swept over at most 50 evenly spaced values from `from`
/// to `to` — the grid `LEVER=FROM:TO:POINTS` of `fiscal-sim sweep`.
struct RangeView: Sendable {
    /// The most points of a range view.
    static let maximumPoints = 50

    /// The swept lever's path.
    let lever: String
    /// The grid option, e.g. `rebate.bands.0.rate=0.2:0.5:7`.
    let grid: String

    /// The range of `request` (`lever`, `from`, `to`, `points`), checked against the levers of
    /// the starting variant.
    init(_ request: APIRequest, levers: [Lever]) throws(ServerError) {
        let lever = try request.text("lever")
        self.lever = lever
        guard let known = levers.first(where: { $0.path == lever }) else {
            throw ServerError.badRequest(path: "lever", "'\(lever)' is not a lever of this variant; GET /api/scenario lists them")
        }
        guard known.kind != .choice else {
            throw ServerError.badRequest(path: "lever", "'\(lever)' takes a word, not a number; a range view sweeps a number")
        }
        let from = try request.number("from")
        let to = try request.number("to")
        let points = try request.integer("points", in: 2...Self.maximumPoints, fallback: 11)
        guard from != to else { throw ServerError.badRequest(path: "to", "'to' must differ from 'from'") }
        if known.kind == .year || known.kind == .years {
            guard from == from.rounded(), to == to.rounded() else {
                throw ServerError.badRequest(path: "from", "'\(lever)' takes whole years; give whole numbers for from and to")
            }
            let span = Int(abs(to - from))
            guard span % (points - 1) == 0 else {
                throw ServerError.badRequest(path: "points", "'\(lever)' takes whole years: points − 1 must divide \(span) (e.g. points \(min(span, Self.maximumPoints - 1) + 1))")
            }
        }
        grid = "\(lever)=\(JSONValue.double(from).text):\(JSONValue.double(to).text):\(points)"
    }
}
