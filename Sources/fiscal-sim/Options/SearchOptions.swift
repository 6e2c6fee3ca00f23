import ArgumentParser

/// Options `sweep` and `solve` share: the variant every point starts from, and the draws.
struct SearchOptions: ParsableArguments {
    @Option(help: "Start every point from this variant's `set` (default: the scenario as written).")
    var variant: String?

    @OptionGroup var draws: DrawOptions
}
