import ArgumentParser

/// `--xlsx`: also write the planner's workbook (工作簿).
struct WorkbookFlag: ParsableArguments {
    @Flag(help: "Also write the planner's workbook: report.xlsx for run (sheets per table, number formats, native charts), sweep.xlsx for sweep (the Sweep sheet and the reform effect against the first swept path per district); sheet names and headers in the --lang language.")
    var xlsx = false
}
