import ArgumentParser
import FiscalModel
import ScenarioIO

/// `fiscal-sim explain SCENARIO --unit ID --year Y [--variant V]`: the derivation of one
/// unit-year in plain words and numbers, every figure equal to its output cell.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how one unit-year's numbers are derived (tax, rebate bands, fees, donations, need, gap).",
        discussion: "Every figure that is also an output cell is rounded as in units.csv/districts.csv and names that cell, e.g. [units.csv:rebate]."
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "The unit id (the `id` column of the units file).")
    var unit: String

    @Option(help: "A projected year (base+1 … end).")
    var year: Int

    @Option(help: "The variant: reform (default), counterfactual or a listed variant.")
    var variant: String = Variant.reformName

    func run() throws {
        let loaded = try ScenarioSource.load(scenario)
        let model = loaded.scenario
        let result = try Simulation(model).runDeterministic().checked()
        do {
            let explanation = try UnitYearExplainer(scenario: model, result: result)
                .explain(unit: unit, year: year, variant: variant)
            print(explanation.render())
        } catch {
            throw InputError([Diagnostic(file: scenario, message: error.description)])
        }
    }
}
