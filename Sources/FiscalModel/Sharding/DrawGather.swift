extension NormalDraws {
    /// Draws `indices[j]` of `stream` into `out[j * stride]`: the values `fill` gives those
    /// indices, computing each counter block once for a run of neighbouring indices.
    @inlinable
    public func gather(
        _ out: UnsafeMutablePointer<Double>, stride: Int, indices: [Int], path: Int, year: Int, stream: Stream
    ) {
        var block = -1
        var pair = (0.0, 0.0)
        for (j, index) in indices.enumerated() {
            if index >> 1 != block {
                block = index >> 1
                pair = self.pair(path: path, year: year, stream: stream, block: block)
            }
            out[j * stride] = index & 1 == 0 ? pair.0 : pair.1
        }
    }
}
