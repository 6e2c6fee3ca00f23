import ArgumentParser
import ScenarioIO

/// `--lang en|zh`: the language of CSV headers, the workbook and what the command prints
/// (表头与输出语言).
struct LanguageOption: ParsableArguments {
    @Option(help: "Language: en (default, the contract) or zh (Chinese CSV headers, workbook and printed text for planners).")
    var lang: HeaderLanguage = .en

    /// The workbook's language.
    var workbook: WorkbookLanguage { lang == .zh ? .chinese : .english }
}
