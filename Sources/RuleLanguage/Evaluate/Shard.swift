/// Which citizens one process of N takes: those whose id hashes to K modulo N.
///
/// The hash is FNV-1a (64-bit) over the id's UTF-8 bytes: stable across runs and machines,
/// so `biseo evaluate`, `biseo diff` and `biseo daemon` given the same `K/N` take the same
/// citizens.
public struct Shard: Sendable, Equatable {
  public let index: Int
  public let count: Int

  /// Shard `index` of `count`, with 0 ≤ index < count.
  public init?(index: Int, count: Int) {
    guard count > 0, (0..<count).contains(index) else { return nil }
    self.index = index
    self.count = count
  }

  /// Parses `K/N` with 0 ≤ K < N.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
    self.init(index: k, count: n)
  }

  public func contains(_ id: String) -> Bool {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash % UInt64(count) == UInt64(index)
  }
}
