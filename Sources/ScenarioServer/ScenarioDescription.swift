import FiscalModel
import ScenarioIO

/// `GET /api/scenario` (model.md §21): what the page needs to draw itself — the scenario's name,
/// years, money unit, variants, districts and units, and the levers of the starting variant
/// with their paths, labels in both languages, unit, value and bounds.
enum ScenarioDescription {
    /// The description for starting variant `variant`.
    static func json(_ served: ServedScenario, variant: String, levers: [Lever], language: String, chartAvailable: Bool) -> JSONValue {
        let scenario = served.loaded.scenario
        let horizon = scenario.horizon
        return .object([
            ("name", .string(scenario.name)),
            ("currency", .string(scenario.currency)),
            ("unit", .string(scenario.moneyUnit)),
            ("precision", .int(scenario.precision)),
            ("years", .object([("base", .int(horizon.baseYear)), ("first", .int(horizon.firstYear)), ("end", .int(horizon.endYear))])),
            ("lang", .string(language)),
            ("variant", .string(variant)),
            ("variants", .array(served.variantNames.map { .string($0) })),
            ("districts", .array(scenario.districts.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
            ("units", .array(scenario.units.map { unit in
                .object([
                    ("id", .string(unit.id)), ("name", .string(unit.name)),
                    ("district", .string(scenario.districts[unit.districtIndex].id)),
                ])
            })),
            ("levers", .array(levers.map { lever(for: $0, scenario: scenario) })),
            ("limits", .object([
                ("maxChanges", .int(APIRequest.maximumChanges)), ("maxSweepPoints", .int(RangeView.maximumPoints)),
                ("maxQueuedJobs", .int(4)), ("maxBodyBytes", .int(APIRequest.maximumBody)),
            ])),
            ("charts", .bool(chartAvailable)),
        ])
    }

    private static func lever(for lever: Lever, scenario: Scenario) -> JSONValue {
        let unit = lever.unit(moneyUnit: scenario.moneyUnit)
        let bounds = lever.bounds(moneyLimit: ValueLimits.maximumMagnitude, years: scenario.horizon.years)
        return .object([
            ("path", .string(lever.path)),
            ("group", .string(lever.group)),
            ("label", .object([("en", .string(lever.english)), ("zh", .string(lever.chinese))])),
            ("unit", .object([("en", .string(unit.english)), ("zh", .string(unit.chinese))])),
            ("kind", .string(lever.kind.rawValue)),
            ("value", lever.value.json),
            ("bounds", .object([("min", bounds.min.map(JSONValue.double) ?? .null), ("max", bounds.max.map(JSONValue.double) ?? .null)])),
            ("stepFunction", .bool(lever.stepFunction)),
            ("options", .array(lever.options.map { .string($0) })),
        ])
    }
}
