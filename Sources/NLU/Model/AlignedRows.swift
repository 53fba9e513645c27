/// Fixed-width rows of floats that start on cache-line boundaries, so that reading one row
/// touches as few 64-byte lines as its width allows (an `Array` only promises 16 bytes).
///
/// Written only while it is built, then read-only: that is what makes sharing it safe.
package final class AlignedRows: @unchecked Sendable {
  /// Floats per row, padding included.
  package let stride: Int
  /// How many rows.
  package let count: Int
  private let storage: UnsafeMutablePointer<Float>

  private static let lineBytes = 64

  /// Zeroed rows.
  ///
  /// - Parameters:
  ///   - count: how many rows.
  ///   - width: floats a row needs; 3 and more are padded to whole `SIMD4` chunks, and to a
  ///     width that never straddles more cache lines than it must (4, 8, 16, then multiples
  ///     of 16).
  package init(count: Int, width: Int) {
    var stride = width
    if width >= 3 {
      stride = 4
      while stride < width && stride < 16 { stride *= 2 }
      if width > 16 { stride = (width + 15) / 16 * 16 }
    }
    self.stride = stride
    self.count = count
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: max(count * stride, 1) * MemoryLayout<Float>.stride,
      alignment: Self.lineBytes)
    storage = raw.initializeMemory(as: Float.self, repeating: 0, count: max(count * stride, 1))
  }

  deinit { storage.deallocate() }

  /// The start of row `row`.
  @inline(__always)
  package func row(_ row: Int) -> UnsafeMutablePointer<Float> { storage + row * stride }
}
