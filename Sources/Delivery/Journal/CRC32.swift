/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of a journal frame.
public enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
    return c
  }

  /// Computes the checksum of `bytes`, continuing from `seed` (the result of an earlier call).
  ///
  /// - Parameters:
  ///   - bytes: the data.
  ///   - seed: a previous checksum to continue from; 0 to start.
  /// - Returns: the CRC-32.
  public static func checksum(_ bytes: some Sequence<UInt8>, seed: UInt32 = 0) -> UInt32 {
    var c = ~seed
    table.withUnsafeBufferPointer { t in
      for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    }
    return ~c
  }
}
