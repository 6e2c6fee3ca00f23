import FiscalModel
import Foundation
import Yams

/// Writes `calibration.yaml` (model.md §17): the scenario's `growth:` section with `tax`,
/// `volatility` and `correlation` replaced by the estimates and the other keys (`byTag`) copied,
/// each estimate commented with its n and standard error, ready to paste over the scenario's own.
struct CalibrationYAML {
    /// The estimates.
    let result: CalibrationResult
    /// The scenario's `growth:` mapping as written, if any.
    let growth: Node?
    /// The scenario file, as named on the command line.
    let scenarioPath: String
    /// The history file, as named on the command line.
    let historyPath: String
    /// The path of `correlation.csv` relative to the scenario's folder (with `--matrix`).
    let matrixPath: String?

    /// The file's text.
    var text: String {
        let number = NumberText.trimmed.text
        var lines = [
            "# Estimated by fiscal-sim calibrate from \(historyPath): \(result.usedUnits.count) of \(result.units.count) units, growth years \(Self.span(result.growthYears)).",
            "# Paste this growth: section into \(scenarioPath) in place of its own. Intervals are 95 %.",
            "growth:",
            "  tax: \(number(result.tax.value))  # mean of \(result.tax.count) growth observations; \(Self.error(result.tax, over: "\(result.growthYears.count) yearly means"))",
        ]
        for (key, value) in otherKeys {
            lines.append("  \(key): \(value)  # copied from the scenario (not estimated; where it applies it overrides tax)")
        }
        lines.append("  volatility: \(number(result.volatility.value))  # pooled within-unit sd, n = \(result.observationCount) observations (df \(result.volatility.count)); \(Self.error(result.volatility, over: "common shocks allowed for"))")
        let within = result.withinDistrict
        let across = result.acrossDistricts
        if let matrixPath {
            lines.append("  correlation: {matrix: \(Self.quoted(matrixPath))}  # \(result.units.count) units, residual correlations (see the report)")
            lines.append("  # or the two-level structure: correlation: {withinDistrict: \(number(within.value)), acrossDistricts: \(number(across.value))}")
        } else {
            lines.append("  correlation:")
            lines.append("    withinDistrict: \(number(within.value))  # \(Self.comment(within))")
            lines.append("    acrossDistricts: \(number(across.value))  # \(Self.comment(across))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The keys of the scenario's growth section other than the estimated ones, in flow style.
    private var otherKeys: [(String, String)] {
        guard case .mapping(let mapping)? = growth else { return [] }
        return mapping.compactMap { key, value in
            guard let name = key.string, !["tax", "volatility", "correlation"].contains(name) else { return nil }
            let text = (try? Yams.serialize(node: Self.flow(value)))?.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.map { (name, $0) }
        }
    }

    private static func flow(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { ($0.key, flow($0.value)) }, mapping.tag, .flow))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(flow), sequence.tag, .flow))
        default:
            return node
        }
    }

    static func span(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "none" }
        return first == last ? "\(first)" : "\(first)–\(last) (\(years.count))"
    }

    static func short(_ value: Double) -> String { String(format: "%.4g", value) }

    private static func error(_ estimate: Estimate, over basis: String) -> String {
        guard let se = estimate.standardError, let interval = estimate.interval else { return "SE not available" }
        return "SE \(short(se)) (\(basis)), interval [\(short(interval.lower)), \(short(interval.upper))]"
    }

    private static func comment(_ estimate: CorrelationEstimate) -> String {
        guard let mean = estimate.mean else { return "no counted pair: set to 0" }
        var text = "mean of n = \(estimate.pairs) pair correlations"
        if estimate.value != mean { text += " (\(short(mean)) before clipping)" }
        guard let se = estimate.standardError, let interval = estimate.interval else { return text + "; SE not available" }
        return text + "; SE \(short(se)) (jackknife over \(estimate.replicates) years), interval [\(short(interval.lower)), \(short(interval.upper))]"
    }

    /// `text` as a YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
