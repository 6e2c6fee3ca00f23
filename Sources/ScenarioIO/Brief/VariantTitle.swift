import FiscalModel

/// How a person names a variant (SPEC §22): `counterfactual` is 不改革 (no reform) and `reform`
/// is 改革方案 (the reform as written); listed variants keep their name. Ids stay in the CSV key
/// columns.
public enum VariantTitle {
    /// The display name of `variant` in `language`.
    public static func display(_ variant: String, language: WorkbookLanguage) -> String {
        switch variant {
        case Variant.counterfactualName: return language.pick("no reform (counterfactual)", "不改革")
        case Variant.reformName: return language.pick("reform", "改革方案")
        default: return variant
        }
    }
}
