import ArgumentParser

/// `--paths N --seed N`: the Monte Carlo draws (蒙特卡洛路径数与随机种子) over the scenario's
/// own, shared by `run`, `sweep` and `solve` and checked once.
struct DrawOptions: ParsableArguments {
    @Option(help: "Monte Carlo paths (default: the scenario's `paths`; > 1 makes a Monte Carlo run or sweep).")
    var paths: Int?

    @Option(help: "Random seed (default: the scenario's `seed`; every point of a sweep uses the same draws).")
    var seed: UInt64?

    func validate() throws {
        if let paths, paths < 1 { throw ValidationError("--paths must be at least 1; found \(paths)") }
    }
}
