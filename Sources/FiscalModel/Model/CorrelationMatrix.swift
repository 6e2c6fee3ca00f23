import COpenBLAS

/// A unit-by-unit correlation matrix of tax-growth shocks and its Cholesky factor (LAPACK
/// `dpotrf`), model.md §8.
public struct CorrelationMatrix: Sendable, Equatable {
    /// Why a matrix cannot be used.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// Entry (row, column) differs from (column, row).
        case notSymmetric(row: Int, column: Int, value: Double, mirrored: Double)
        /// A diagonal entry is not 1.
        case diagonalNotOne(index: Int, value: Double)
        /// An entry outside [−1, 1].
        case outOfRange(row: Int, column: Int, value: Double)
        /// The leading minor of this order is not positive (Cholesky failed).
        case notPositiveDefinite(order: Int)

        /// What is wrong, for the user (0-based indices are reported 1-based).
        public var description: String {
            switch self {
            case let .notSymmetric(row, column, value, mirrored):
                return "not symmetric: entry (\(row + 1), \(column + 1)) is \(value) but (\(column + 1), \(row + 1)) is \(mirrored)"
            case let .diagonalNotOne(index, value):
                return "diagonal entry \(index + 1) is \(value); a correlation matrix has 1 on the diagonal"
            case let .outOfRange(row, column, value):
                return "entry (\(row + 1), \(column + 1)) is \(value); correlations lie in [-1, 1]"
            case let .notPositiveDefinite(order):
                return "not positive definite: the Cholesky factorisation (LAPACK dpotrf) fails at leading minor \(order); the correlations are inconsistent (e.g. a ≈ b, b ≈ c but a and c far apart)"
            }
        }
    }

    /// Matrix size.
    public let size: Int
    /// Entries, row-major.
    public let entries: [Double]
    /// Lower Cholesky factor L (C = L·Lᵀ), row-major, zeros above the diagonal.
    public let lowerFactor: [Double]

    /// Checks and factorises a `size`×`size` row-major matrix.
    public init(size: Int, entries: [Double]) throws(Problem) {
        precondition(entries.count == size * size)
        for i in 0..<size {
            if abs(entries[i * size + i] - 1) > 1e-12 { throw .diagonalNotOne(index: i, value: entries[i * size + i]) }
            for j in 0..<size {
                let value = entries[i * size + j]
                if !(value >= -1 && value <= 1) { throw .outOfRange(row: i, column: j, value: value) }
                if j > i, abs(value - entries[j * size + i]) > 1e-12 {
                    throw .notSymmetric(row: i, column: j, value: value, mirrored: entries[j * size + i])
                }
            }
        }
        // Row-major C seen as column-major is Cᵀ = C; dpotrf with 'U' gives U with C = UᵀU in
        // column-major, i.e. L = Uᵀ stored row-major in the lower triangle.
        var factor = entries
        var n = Int32(size)
        var lda = Int32(max(size, 1))
        var info: Int32 = 0
        var uplo = Int8(UInt8(ascii: "U"))
        dpotrf_(&uplo, &n, &factor, &lda, &info, 1)
        if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
        precondition(info == 0, "dpotrf rejected its arguments (info \(info))")
        for i in 0..<size { for j in (i + 1)..<max(size, i + 1) { factor[i * size + j] = 0 } }
        self.size = size
        self.entries = entries
        self.lowerFactor = factor
    }
}
