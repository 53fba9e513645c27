/// Byte strings written again and again (output keys, enum cases, `true`, `null`), kept in
/// one buffer: appending one copies its bytes without retaining an array per output.
final class JSONPieces {
  private var bytes: [UInt8] = []
  private var bounds: [(start: Int, count: Int)] = []
  private var storage: UnsafeMutablePointer<UInt8>?
  private var starts: UnsafeMutablePointer<Int>?
  private var counts: UnsafeMutablePointer<Int>?

  /// Adds a piece before `seal()`; returns its number.
  func add(_ piece: [UInt8]) -> Int {
    bounds.append((bytes.count, piece.count))
    bytes += piece
    return bounds.count - 1
  }

  /// Copies the pieces into fixed buffers; no piece may be added after.
  func seal() {
    let s = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    s.initialize(from: bytes, count: bytes.count)
    let a = UnsafeMutablePointer<Int>.allocate(capacity: max(bounds.count, 1))
    let c = UnsafeMutablePointer<Int>.allocate(capacity: max(bounds.count, 1))
    for (i, b) in bounds.enumerated() {
      a[i] = b.start
      c[i] = b.count
    }
    (storage, starts, counts) = (s, a, c)
  }

  deinit {
    storage?.deallocate()
    starts?.deallocate()
    counts?.deallocate()
  }

  /// Appends piece `i` to `out`.
  func append(_ i: Int, to out: inout [UInt8]) {
    guard let storage, let starts, let counts else { return }
    out.append(contentsOf: UnsafeBufferPointer(start: storage + starts[i], count: counts[i]))
  }
}
