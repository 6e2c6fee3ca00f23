import ArgumentParser
import Foundation

/// `fiscal-sim serve [SCENARIO] [--host] [--port] [--lang]`: runs the what-if page (model.md §21),
/// the separate program `fiscal-sim-serve` beside this one (the way `git foo` runs `git-foo`),
/// with the same arguments. The page is its own program because its web server (SwiftNIO) takes
/// minutes to build, and `make run` should not wait for it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the what-if page: move the levers and see the answer at once (runs fiscal-sim-serve).",
        discussion: """
            fiscal-sim serve [SCENARIO] [--host 127.0.0.1] [--port 8080] [--lang en|zh]
            The page is served on loopback unless --host says otherwise (there is no login). \
            Build it with `make serve`.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "SCENARIO, --host, --port, --lang: see `fiscal-sim-serve --help`.")
    var arguments: [String] = []

    func run() throws {
        let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let server = own.deletingLastPathComponent().appendingPathComponent("fiscal-sim-serve").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw ToolFailure(message: "the what-if page is the separate program fiscal-sim-serve, which is not built next to this fiscal-sim (\(own.deletingLastPathComponent().path)); run `make serve` (it builds it and starts the page on the shipped scenario), or `swift build -c release --product fiscal-sim-serve`")
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw ToolFailure(message: "cannot start \(server): \(String(cString: strerror(errno)))")
    }
}
