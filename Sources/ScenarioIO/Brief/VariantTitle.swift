import FiscalModel

/// How a person names a variant and a fee category (model.md §22): a listed variant by its
/// `title:` (else its name); `counterfactual` as 不改革 (no reform) and `reform` as 改革方案 (the
/// reform as written) under Chinese; a fee category by its `title:` (else its id). Ids stay in
/// the CSV key columns.
public enum VariantTitle {
    /// The display name of `variant` in `language` (`titles`: the scenario's variant titles).
    public static func display(_ variant: String, language: WorkbookLanguage, titles: [String: String] = [:]) -> String {
        if let title = titles[variant] { return title }
        switch variant {
        case Variant.counterfactualName: return language.pick("counterfactual", "不改革")
        case Variant.reformName: return language.pick("reform", "改革方案")
        default: return variant
        }
    }
}

extension Scenario {
    /// The listed variants' `title:`s by name.
    public var variantTitles: [String: String] {
        Dictionary(variants.compactMap { v in v.title.map { (v.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The fee categories' `title:`s by id.
    public var feeTitles: [String: String] {
        Dictionary(reform.lineFees.compactMap { f in f.title.map { (f.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The name of `variant` as the summaries print it: its `title:`, else its name.
    public func displayName(ofVariant variant: String) -> String { variantTitles[variant] ?? variant }
}
