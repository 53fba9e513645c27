/// HMAC-SHA256 (RFC 2104), the signature behind Standard Webhooks' `v1` scheme.
public enum HMACSHA256 {
  /// Computes the MAC of `message` under `key`.
  ///
  /// - Parameters:
  ///   - key: the secret; keys longer than the block size are hashed first.
  ///   - message: the bytes to authenticate.
  /// - Returns: the 32-byte MAC.
  public static func mac(key: some Collection<UInt8>, message: some Sequence<UInt8>) -> [UInt8] {
    var block = key.count > SHA256.blockSize ? SHA256.hash(key) : Array(key)
    block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
    var inner = SHA256()
    inner.update(block.map { $0 ^ 0x36 })
    inner.update(message)
    let innerDigest = inner.finalize()
    var outer = SHA256()
    outer.update(block.map { $0 ^ 0x5c })
    outer.update(innerDigest)
    return outer.finalize()
  }

  /// Compares two MACs in time that depends only on their length.
  ///
  /// - Parameters:
  ///   - a: one MAC.
  ///   - b: the other.
  /// - Returns: whether they are equal.
  public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in a.indices { diff |= a[i] ^ b[i] }
    return diff == 0
  }
}

extension Array where Element == UInt8 {
  /// Lowercase hexadecimal, two digits per byte.
  package var hexString: String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(count * 2)
    for byte in self {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
