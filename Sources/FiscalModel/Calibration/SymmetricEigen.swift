import COpenBLAS

/// The eigen-decomposition of a real symmetric matrix by LAPACK `dsyevd` (divide and conquer).
struct SymmetricEigen {
    /// Eigenvalues, ascending.
    var values: [Double]
    /// Eigenvectors: column k of the column-major `size`×`size` array is the vector of `values[k]`.
    var vectors: [Double]
    /// The matrix size.
    var size: Int

    /// Decomposes the symmetric `size`×`size` matrix `entries` (row- or column-major alike).
    init(size: Int, entries: [Double]) {
        precondition(entries.count == size * size && size > 0)
        var a = entries
        var w = [Double](repeating: 0, count: size)
        var n = Int32(size)
        var lda = Int32(size)
        var lwork = Int32(1 + 6 * size + 2 * size * size)
        var liwork = Int32(3 + 5 * size)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        var info: Int32 = 0
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "U"))
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        precondition(info == 0, "dsyevd failed (info \(info))")
        values = w
        vectors = a
        self.size = size
    }

    /// V·diag(max(λ, `floor`))·Vᵀ (BLAS `dgemm`), symmetric, row-major and column-major alike.
    func reconstructed(eigenvaluesAtLeast floor: Double) -> [Double] {
        var scaled = vectors
        for k in 0..<size {
            let lambda = max(values[k], floor)
            for i in 0..<size { scaled[k * size + i] *= lambda }
        }
        var result = [Double](repeating: 0, count: size * size)
        let n = Int32(size)
        // Column-major: result = scaled · vectorsᵀ.
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, n, n, n, 1, scaled, n, vectors, n, 0, &result, n)
        for i in 0..<size { for j in 0..<i { result[i * size + j] = result[j * size + i] } }
        return result
    }
}
