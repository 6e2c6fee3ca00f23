import Foundation
import Hummingbird

/// The page's files (model.md §21): the HTML, the style sheet and the script are package resources
/// built into the binary; Chart.js is Debian's `libjs-chart.js`, read once at start from
/// `/usr/share/javascript/chart.js/chart.min.js` and served by the tool itself — not copied
/// into the binary, so the package's security updates apply and its licence stays with it. Without
/// it the page still works, without charts.
public struct PageAssets: Sendable {
    /// Where Debian installs Chart.js.
    public static let chartPath = "/usr/share/javascript/chart.js/chart.min.js"

    private let files: [String: (data: Data, type: String)]

    /// The built-in files and Chart.js from `chartPath`.
    public init(chartPath: String = PageAssets.chartPath) {
        var files: [String: (Data, String)] = [
            "index.html": (Data(PackageResources.index_html), "text/html; charset=utf-8"),
            "app.js": (Data(PackageResources.app_js), "text/javascript; charset=utf-8"),
            "style.css": (Data(PackageResources.style_css), "text/css; charset=utf-8"),
        ]
        if let chart = FileManager.default.contents(atPath: chartPath) {
            files["chart.min.js"] = (chart, "text/javascript; charset=utf-8")
        }
        self.files = files
    }

    /// Whether Chart.js was found.
    public var chartAvailable: Bool { files["chart.min.js"] != nil }

    /// The response for the file `name`, or `nil` if there is no such file.
    func response(for name: String) -> Response? {
        guard let file = files[name] else { return nil }
        return JSONResponse.bytes(file.data, type: file.type, cache: name == "chart.min.js")
    }
}
