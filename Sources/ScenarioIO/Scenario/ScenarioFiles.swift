import Foundation

/// Where scenario files and the tables they name are read from: the disk, or the copies built
/// into the binary (the shipped default scenario).
public struct ScenarioFiles: Sendable {
    private let read: @Sendable (String) throws -> Data

    /// Reads through `read`, which gets a path and returns the file's bytes.
    public init(read: @escaping @Sendable (String) throws -> Data) { self.read = read }

    /// The file system.
    public static let disk = ScenarioFiles { path in try InputFile.read(path) }

    /// The bytes at `path`.
    func data(at path: String) throws -> Data { try read(path) }

    /// `relative` resolved against the folder of `scenarioPath` (absolute paths stay as they are).
    static func resolve(_ relative: String, against scenarioPath: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let folder = (scenarioPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }
}

/// The shipped default scenario (Siming District's ten street offices), built into the binary so
/// `fiscal-sim run` works from any folder.
public enum ShippedScenario {
    /// The name under which the built-in scenario is reported.
    public static let path = "scenarios/siming-pilot.yaml"

    /// Files of the built-in scenario.
    public static let files = ScenarioFiles { path in
        switch path {
        case ShippedScenario.path: return Data(PackageResources.siming_pilot_yaml)
        case "scenarios/data/siming-streets.csv": return Data(PackageResources.siming_streets_csv)
        default: throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
