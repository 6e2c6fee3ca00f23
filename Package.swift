// swift-tools-version:6.0
import PackageDescription

/// fiscal-sim: scenario → validated model → yearly engine → results → writers.
///
/// - `FiscalModel`: the validated model, the yearly engine and its results (no I/O).
/// - `ScenarioIO`: reading scenario files and units CSVs, writing run folders.
/// - `fiscal-sim`: the thin command-line tool on top.
/// - `ScenarioServer` and `fiscal-sim-serve`: the what-if page (model.md §21) on Hummingbird, its own
///   executable so that `make run` (which builds only `fiscal-sim`) never waits for SwiftNIO.
let package = Package(
    name: "fiscal-sim",
    products: [
        .executable(name: "fiscal-sim", targets: ["fiscal-sim"]),
        .executable(name: "fiscal-sim-serve", targets: ["fiscal-sim-serve"]),
        .library(name: "FiscalModel", targets: ["FiscalModel"]),
        .library(name: "ScenarioIO", targets: ["ScenarioIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "CFileOps"),
        .target(
            name: "FiscalModel",
            dependencies: [
                "COpenBLAS",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(
            name: "ScenarioIO",
            dependencies: [
                "FiscalModel",
                "CFileOps",
                "CXlsxWriter",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                "CLibCrypto",
            ],
            resources: [
                .embedInCode("Shipped/siming-pilot.yaml"),
                .embedInCode("Shipped/siming-streets.csv"),
            ]
        ),
        .executableTarget(
            name: "fiscal-sim",
            dependencies: [
                "FiscalModel",
                "ScenarioIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "ScenarioIO",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            path: "Tests/TestSupport"
        ),
        .target(
            name: "ScenarioServer",
            dependencies: [
                "FiscalModel",
                "ScenarioIO",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [
                .embedInCode("Page/index.html"),
                .embedInCode("Page/app.js"),
                .embedInCode("Page/style.css"),
            ]
        ),
        .executableTarget(
            name: "fiscal-sim-serve",
            dependencies: [
                "ScenarioServer",
                "ScenarioIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FiscalModelTests",
            dependencies: [
                "FiscalModel",
                "TestSupport",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .testTarget(
            name: "ScenarioIOTests",
            dependencies: [
                "FiscalModel",
                "ScenarioIO",
                "TestSupport",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            exclude: ["Golden", "Robustness/Crashers"]
        ),
        .testTarget(
            name: "ScenarioServerTests",
            dependencies: [
                "ScenarioServer",
                "ScenarioIO",
                "FiscalModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ]
)
