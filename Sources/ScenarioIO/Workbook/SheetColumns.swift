/// The columns of a table sheet in the order a person reads them (表格列序): the CSV's columns,
/// each name column moved beside its id (`unit_name` after `unit`, `district_name` after
/// `district`), and a name column added beside an id the CSV does not name (the district of
/// `units.csv`, both ids of the quantile tables), so a printed sheet reads 思明区 next to
/// `siming` (issue 21). The CSV itself keeps its columns; only the sheet is reordered.
struct SheetColumns {
    /// Where a sheet column's cells come from.
    enum Source {
        /// The CSV column at this index.
        case csv(Int)
        /// The name of the id in the CSV column at `id`, looked up in `names` (empty when unknown).
        case name(id: Int, header: String, names: [String: String])
    }

    /// The name column of each id column.
    static let nameColumns = ["district": "district_name", "unit": "unit_name"]

    /// The sheet's columns, left to right.
    let sources: [Source]
    /// Per sheet column, the CSV column it stands beside: its own, or for a name its id's.
    private let anchors: [Int]

    /// The layout of a CSV with English `header`; `names` gives, per id column (`district`,
    /// `unit`), the names of its ids for a CSV without that name column.
    init(header: [String], names: [String: [String: String]]) {
        var moved = Set<Int>()
        for (id, name) in Self.nameColumns where header.contains(id) {
            if let column = header.firstIndex(of: name) { moved.insert(column) }
        }
        var sources: [Source] = []
        var anchors: [Int] = []
        for (column, title) in header.enumerated() where !moved.contains(column) {
            sources.append(.csv(column))
            anchors.append(column)
            guard let name = Self.nameColumns[title] else { continue }
            if let written = header.firstIndex(of: name) {
                sources.append(.csv(written))
            } else if let lookup = names[title] {
                sources.append(.name(id: column, header: name, names: lookup))
            } else {
                continue
            }
            anchors.append(column)
        }
        self.sources = sources
        self.anchors = anchors
    }

    /// The English header of each sheet column.
    func header(_ csvHeader: [String]) -> [String] {
        sources.map {
            switch $0 {
            case .csv(let column): csvHeader[column]
            case .name(_, let header, _): header
            }
        }
    }

    /// The sheet's cells of one CSV row (empty text: an empty cell).
    func cells(_ fields: [String]) -> [String] {
        sources.map {
            switch $0 {
            case .csv(let column): column < fields.count ? fields[column] : ""
            case .name(let id, _, let names): id < fields.count ? names[fields[id]] ?? "" : ""
            }
        }
    }

    /// The number of leading sheet columns that show the CSV's first `keyColumns` columns
    /// (their names included), frozen with the header.
    func frozen(keyColumns: Int) -> Int { anchors.prefix { $0 < keyColumns }.count }
}
