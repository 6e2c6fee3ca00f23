import Foundation
import Hummingbird
import Logging

/// The what-if page's server state (model.md §21): the scenario read once at start, the Monte
/// Carlo job queue, the page's default language and its assets.
public struct WhatIfServer: Sendable {
    /// The served scenario.
    public let served: ServedScenario
    /// The Monte Carlo jobs.
    public let jobs: JobQueue
    /// The page's default language: `en` or `zh`.
    public let language: String
    /// The page's files.
    public let assets: PageAssets
    /// Worker threads of Monte Carlo jobs and range views.
    public let threads: Int
    /// The most paths a Monte Carlo job may have (beyond it, use `fiscal-sim run --paths`).
    public let maximumPaths: Int

    /// A server for `served`.
    public init(
        served: ServedScenario, language: String = "en", assets: PageAssets = PageAssets(), threads: Int? = nil,
        jobs: JobQueue = JobQueue(), maximumPaths: Int = 1_000_000
    ) {
        self.maximumPaths = maximumPaths
        self.served = served
        self.language = language
        self.assets = assets
        self.jobs = jobs
        self.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// The router: the page, its assets and the JSON API, every failure rendered by
    /// `ErrorMiddleware`.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ErrorMiddleware())
        addPageRoutes(to: router)
        addAPIRoutes(to: router)
        return router
    }

    /// The Hummingbird application on `host`:`port`; `onRunning` gets the port it listens on.
    public func application(
        host: String, port: Int, logger: Logger? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "fiscal-sim-serve"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
