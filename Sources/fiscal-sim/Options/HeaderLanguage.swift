import ArgumentParser

/// Language of the output CSV headers and the workbook's sheet names (`--lang`).
enum HeaderLanguage: String, ExpressibleByArgument, CaseIterable {
    /// English, the contract.
    case en
    /// Chinese labels.
    case zh
}
