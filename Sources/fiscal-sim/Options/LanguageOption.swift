import ArgumentParser
import ScenarioIO

/// `--lang en|zh`: the language of headers and sheet names (表头语言).
struct LanguageOption: ParsableArguments {
    @Option(help: "Column headers: en (default, the contract) or zh (Chinese headers for planners).")
    var lang: HeaderLanguage = .en

    /// The workbook's language.
    var workbook: WorkbookLanguage { lang == .zh ? .chinese : .english }
}
