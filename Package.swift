// swift-tools-version:6.0
import PackageDescription

/// fiscal-sim: scenario → validated model → yearly engine → results → writers.
///
/// - `FiscalModel`: the validated model, the yearly engine and its results (no I/O).
/// - `ScenarioIO`: reading scenario files and units CSVs, writing run folders.
/// - `fiscal-sim`: the thin command-line tool on top.
let package = Package(
    name: "fiscal-sim",
    products: [
        .executable(name: "fiscal-sim", targets: ["fiscal-sim"]),
        .library(name: "FiscalModel", targets: ["FiscalModel"]),
        .library(name: "ScenarioIO", targets: ["ScenarioIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
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
    ]
)
