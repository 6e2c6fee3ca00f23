import FiscalModel
import Yams

/// Warnings about a runnable scenario that probably does not say what was meant (model.md §22,
/// 提示): they go to standard error, into `run.json` under `warnings` and onto the workbook's
/// About sheet, and never change the exit status.
enum ScenarioWarnings {
    /// The message prefix of the all-zero-shocks warning (it follows `paths`, which `--paths`
    /// may change after loading).
    static let zeroShocksPrefix = "a Monte Carlo run"

    /// For `paths` > 1: a warning when no shock can move any path — growth volatility and every
    /// donation source's volatility are 0 in every year of the reform and every variant.
    static func zeroShocks(_ scenario: Scenario, paths: Int, file: String, at mark: Mark? = nil) -> Diagnostic? {
        guard paths > 1 else { return nil }
        let policies = [scenario.reform] + scenario.variants.map(\.policy)
        let volatilities = policies.flatMap { policy in
            [policy.taxGrowth.volatility] + (policy.donations?.sources.map(\.volatility) ?? [])
        }
        guard volatilities.allSatisfy({ $0.values.allSatisfy { $0 == 0 } }) else { return nil }
        return Diagnostic(
            file: file, line: mark?.line, column: mark?.column, severity: .warning,
            message: "\(zeroShocksPrefix) (paths \(paths)) whose shocks are all zero: growth.volatility and every donations source's volatility are 0, so all \(paths) paths repeat the deterministic projection and the quantiles are equal; set growth.volatility (e.g. 0.03) or run with paths: 1")
    }

    /// Tags of the units file that the scenario never names (in roll-out, growth or
    /// eligibility), each once at the first cell carrying it, with a did-you-mean against the
    /// tags it names (`pliot` → `pilot`).
    static func unnamedTags(_ cells: [UnitTags.Cell], named: Set<String>, file: String) -> [Diagnostic] {
        let candidates = named.sorted()
        return cells.filter { !named.contains($0.tag) }.map { cell in
            let hint = Suggestion.closest(to: cell.tag, in: candidates).map { " — did you mean '\($0)'? The scenario names \(quotedList(candidates))" }
                ?? (candidates.isEmpty ? "; the scenario names no tags" : "; the scenario names \(quotedList(candidates))")
            return Diagnostic(
                file: file, line: cell.line, column: cell.column, severity: .warning,
                message: "column 'tags': the tag '\(cell.tag)' (unit '\(cell.unit)') is named nowhere in the scenario, so it sets no roll-out year, growth rate or eligibility (it only groups rows in groups.csv)\(hint)")
        }
    }

    private static func quotedList(_ tags: [String]) -> String {
        let shown = tags.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        return tags.count > 8 ? shown + ", …" : shown
    }
}

extension NodeReader {
    /// Warns when the roll-out year `year` written at `node` (`rollout.byTag.pilot`, a wave's
    /// `earliest` or `deadline`) is after the last projected year. `consequence` says what that
    /// means and what to write instead (by default: the units it covers never adopt within the
    /// horizon; write never or a year up to the end).
    func warnIfAfterEnd(_ year: Int, node: Node, path: String, consequence: ((Int) -> String)? = nil) {
        guard let horizon, year > horizon.endYear else { return }
        let end = horizon.endYear
        let text = consequence?(end)
            ?? "so these units never adopt within the horizon; write never if that is meant, or a year up to \(end)"
        warning(node, "\(path): \(year) is after the last projected year \(end), \(text)")
    }

    /// Warns at each value of `incentive.elasticity` (a scalar or a step function) above 1:
    /// a point of rebate rate would add more than a point of yearly tax growth.
    func warnIfElasticityAboveOne(_ node: Node) {
        let values: [Node] = node.mapping.map { Array($0.values) } ?? [node]
        for value in values {
            guard let text = value.scalar?.string, let elasticity = Double(text), elasticity > 1 else { continue }
            let extra = NumberText.display.text(elasticity * 0.3 * 100)
            warning(value, "incentive.elasticity is \(text), above 1: each point of first-band rebate rate adds \(text) points of yearly tax growth (at a rate of 0.3, \(extra) points a year); elasticities are usually below 0.1 (the shipped scenarios use 0.04)")
        }
    }
}

extension LoadedScenario {
    /// Runs the scenario with `paths` (`--paths`), replacing the all-zero-shocks warning to
    /// match; returns the warnings this adds (for standard error).
    public mutating func setPaths(_ paths: Int) -> [Diagnostic] {
        scenario.paths = paths
        warnings.removeAll { $0.severity == .warning && $0.message.hasPrefix(ScenarioWarnings.zeroShocksPrefix) }
        guard let warning = ScenarioWarnings.zeroShocks(scenario, paths: paths, file: "--paths") else { return [] }
        warnings.append(warning)
        return [warning]
    }

    /// The warnings kept in `run.json` and on the About sheet, as standard error shows them
    /// (`FILE:LINE:COLUMN: warning: …`); notes such as an input's encoding are not warnings.
    public var recordedWarnings: [String] {
        warnings.filter { $0.severity == .warning }.map(\.description)
    }
}
