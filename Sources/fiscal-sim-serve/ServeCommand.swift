import ArgumentParser
import Foundation
import Logging
import ScenarioIO
import ScenarioServer

/// `fiscal-sim-serve [SCENARIO] [--host] [--port] [--lang]`: the what-if page (model.md §21), the
/// executable `fiscal-sim serve` runs (like `git foo` runs `git-foo`).
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fiscal-sim serve",
        abstract: "Serve the what-if page: move the levers and see the answer at once.",
        discussion: """
            Serves the scenario (default: the shipped Siming pilot) on loopback. With --host 0.0.0.0 \
            (or a LAN address) anyone who can reach the address can use the page: there is no login. \
            Ctrl-C stops it.
            """
    )

    @Argument(help: "The scenario file (YAML). Without it, the shipped Siming scenario is served.")
    var scenario: String?

    @Option(help: "The address to listen on (default: loopback only).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port; the URL is printed).")
    var port = 8080

    @Option(help: "The page's default language: en or zh (the page has a toggle).")
    var lang = "en"

    @Option(help: "The most paths a Monte Carlo job of the page may have (more: use `fiscal-sim run --paths`).")
    var maxPaths = 1_000_000

    func validate() throws {
        guard ["en", "zh"].contains(lang) else { throw ValidationError("--lang must be en or zh; found \(lang)") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535; found \(port)") }
        guard maxPaths >= 2 else { throw ValidationError("--max-paths must be at least 2; found \(maxPaths)") }
    }

    func run() async throws {
        let served: ServedScenario
        do {
            served = try ServedScenario(path: scenario)
        } catch {
            Output.error(error.description)
            throw ExitCode(2)
        }
        for warning in served.loaded.warnings { Output.error(warning.description) }
        let assets = PageAssets()
        if !assets.chartAvailable {
            Output.error("warning: Chart.js is not installed at \(PageAssets.chartPath); the page works without charts (install it with `make deps` or `apt-get install libjs-chart.js`)")
        }
        if !Self.isLoopback(host) {
            Output.error("warning: listening on \(host): anyone who can reach this address can use the page and run the scenario — there is no login. Share it only on a network you trust; stop it with Ctrl-C.")
        }
        var logger = Logger(label: "fiscal-sim-serve")
        logger.logLevel = .warning
        let server = WhatIfServer(served: served, language: lang, assets: assets, maximumPaths: maxPaths)
        let host = self.host
        let app = server.application(host: host, port: port, logger: logger) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            Output.line("fiscal-sim serve: \(served.loaded.scenario.name) at http://\(shown):\(port)/ (Ctrl-C stops)")
        }
        do {
            try await app.runService()
        } catch {
            Output.error("error: the server stopped: \(error)")
            throw ExitCode(1)
        }
    }

    /// Whether `host` is a loopback address.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Unbuffered standard output and error (the tests read the URL line from a pipe).
enum Output {
    /// Writes `text` and a newline to standard output.
    static func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
