/// The nearest correlation matrix (Higham 2002) by alternating projections with Dykstra's
/// correction, W = I (model.md §17): project onto {eigenvalues ≥ 1e-8} (LAPACK `dsyevd`) and onto
/// unit diagonal until the Frobenius change is below 1e-12 or after 1000 iterations; the
/// result is symmetrised and rescaled to an exact unit diagonal.
public struct NearestCorrelation: Sendable, Equatable {
    /// The smallest eigenvalue kept by the positive-semidefinite projection.
    public static let eigenvalueFloor = 1e-8
    /// The convergence threshold on the Frobenius change of an iteration.
    public static let tolerance = 1e-12
    /// The iteration limit.
    public static let maximumIterations = 1000

    /// The repaired matrix, row-major: symmetric, unit diagonal, positive definite.
    public var entries: [Double]
    /// Iterations taken.
    public var iterations: Int
    /// Whether the change fell below the tolerance before the limit.
    public var converged: Bool
    /// ‖result − input‖_F.
    public var distance: Double

    /// The nearest correlation matrix to the symmetric `size`×`size` row-major `input`.
    public init(size: Int, input: [Double]) {
        var y = input
        var correction = [Double](repeating: 0, count: size * size)
        var r = input
        var x = input
        var iterations = 0
        var converged = false
        while iterations < Self.maximumIterations {
            iterations += 1
            for index in r.indices { r[index] = y[index] - correction[index] }
            x = SymmetricEigen(size: size, entries: r).reconstructed(eigenvaluesAtLeast: Self.eigenvalueFloor)
            var change = 0.0
            for index in x.indices {
                correction[index] = x[index] - r[index]
                let next = index % (size + 1) == 0 ? 1 : x[index]
                change += (next - y[index]) * (next - y[index])
                y[index] = next
            }
            if change.squareRoot() < Self.tolerance {
                converged = true
                break
            }
        }
        entries = Self.unitDiagonal(size: size, x)
        self.iterations = iterations
        self.converged = converged
        distance = zip(entries, input).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// The smallest eigenvalue of the symmetric `size`×`size` matrix `entries`.
    public static func smallestEigenvalue(size: Int, entries: [Double]) -> Double {
        SymmetricEigen(size: size, entries: entries).values.first ?? .infinity
    }

    /// D^{-1/2}·sym(X)·D^{-1/2} with the diagonal set to exactly 1 and entries within [−1, 1].
    static func unitDiagonal(size: Int, _ x: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: size * size)
        let scale = (0..<size).map { 1 / x[$0 * size + $0].squareRoot() }
        for i in 0..<size {
            result[i * size + i] = 1
            for j in (i + 1)..<max(size, i + 1) {
                let symmetric = (x[i * size + j] + x[j * size + i]) / 2
                let value = min(max(symmetric * scale[i] * scale[j], -1), 1)
                result[i * size + j] = value
                result[j * size + i] = value
            }
        }
        return result
    }
}
