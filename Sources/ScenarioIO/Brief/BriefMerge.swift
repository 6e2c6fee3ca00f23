import FiscalModel
import Foundation

/// Merges the shards' `brief.csv` of a Monte Carlo run (model.md §16, §22) into the unsharded
/// file: per variant (run.json order, not the counterfactual) the shards' district rows in
/// shard order — their districts in declared order — then the variant's `all` row computed from
/// the shards' `brief-partials.bin` added up exactly.
enum BriefMerge {
    /// The merged file from the shards' `brief.csv` bytes and partials files, for the run
    /// described by `manifest`.
    static func merge(briefs: [Data], partials: [Data], manifest: RunManifest) throws -> Data {
        let read = partials.compactMap(BriefPartials.init)
        guard read.count == partials.count, let total = BriefPartials.sum(read) else {
            throw TableMerge.Problem(description: "\(BriefPartials.fileName): the shards' files are not readable or describe different runs; re-run the shards")
        }
        guard let rule = RoundingRule(rawValue: manifest.rounding) else {
            throw TableMerge.Problem(description: "run.json: unknown rounding rule \(manifest.rounding)")
        }
        let money = MoneyRounding(precision: manifest.precision, rule: rule)
        let tables = briefs.map { String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        var lines = [tables.first?.first ?? ""]
        let variants = Array(manifest.variants.dropFirst())
        guard variants.count == total.variants else {
            throw TableMerge.Problem(description: "\(BriefPartials.fileName): \(total.variants) variants, run.json lists \(variants.count)")
        }
        for (v, name) in variants.enumerated() {
            let key = CSVText.escape(name) + ","
            for table in tables { lines += table.dropFirst().filter { $0.hasPrefix(key) } }
            var csv = CSVText()
            csv.append([name, DeterministicBrief.allDistricts] + MonteCarloBrief.cells(total.allRow(v), baseYear: manifest.years[0], money: money))
            lines.append(String(csv.text.dropLast()))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
