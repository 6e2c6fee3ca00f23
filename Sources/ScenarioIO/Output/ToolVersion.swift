import FiscalModel
import Foundation

/// The tool's version, written into every run manifest.
public enum ToolVersion {
    /// Semantic version of fiscal-sim.
    public static let current = "0.1.0"
}
