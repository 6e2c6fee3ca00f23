/// Rows of a year that the engine writes without reading the draws (由引擎结构可知的行): a
/// Monte Carlo run takes their statistics without reading them (model.md §8). Both facts are
/// the engine's own, not the model's, and a test checks each on generated scenarios.
extension YearEngine {
    /// Whether unit `i`'s reference in year index `y` is, on every path, bit for bit its reference
    /// of the year before (参照基数未变): increment sharing's fixed reference between rebases.
    public func referenceRepeats(unit i: Int, yearIndex y: Int) -> Bool {
        rebate?.referenceRepeats(unit: i, yearIndex: y, engine: self) ?? false
    }

    /// Whether unit `i`'s increment and rebate in year index `y` are +0 on every path: the rule
    /// does not apply (not adopted, not eligible or past its term), so both kernels write +0 and
    /// district capacity, which scales by a factor in [0, 1], keeps it.
    public func rebateIsZero(unit i: Int, yearIndex y: Int) -> Bool {
        !applies[y * policy.unitCount + i]
    }
}
