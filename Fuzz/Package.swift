// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for fiscal-sim's input readers (issue 14), built apart from the main
/// package so that normal builds are unaffected:
///
///     swift build -c debug -Xswiftc -sanitize=fuzzer,address     (see `make fuzz`)
///
/// The library targets are the main package's own sources (symlinks in `Linked/`), built with
/// `FISCAL_SIM_FUZZ`. SHA-256 comes from the system's libcrypto, as in the main package.
let package = Package(
    name: "fiscal-sim-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", path: "Linked/COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter", path: "Linked/CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CLibCrypto", path: "Linked/CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "CFileOps", path: "Linked/CFileOps"),
        .target(
            name: "FiscalModel",
            dependencies: ["COpenBLAS", .product(name: "RealModule", package: "swift-numerics")],
            path: "Linked/FiscalModel"),
        .target(
            name: "ScenarioIO",
            dependencies: [
                "FiscalModel", "CFileOps", "CXlsxWriter", "CLibCrypto", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Linked/ScenarioIO",
            resources: [.embedInCode("Shipped/siming-pilot.yaml"), .embedInCode("Shipped/siming-streets.csv")],
            swiftSettings: [.define("FISCAL_SIM_FUZZ")]),
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzScenario", dependencies: ["ScenarioIO", "FuzzDriver"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzUnits", dependencies: ["ScenarioIO", "FuzzDriver"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzPinFile", dependencies: ["ScenarioIO", "FuzzDriver"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
