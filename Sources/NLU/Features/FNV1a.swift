/// 32-bit FNV-1a, the hash that maps feature strings into a fixed number of buckets.
///
/// Features are hashed scalar by scalar (each scalar's UTF-8 bytes in order), so an n-gram is
/// hashed without building a `String`; a namespace byte first keeps kinds of features apart.
package struct FNV1a: Sendable {
  package static let offsetBasis: UInt32 = 2_166_136_261
  package static let prime: UInt32 = 16_777_619

  /// The running hash value.
  package private(set) var value: UInt32

  /// Starts a hash in `namespace`.
  ///
  /// - Parameter namespace: a byte that separates kinds of features.
  package init(namespace: UInt8) {
    value = (FNV1a.offsetBasis ^ UInt32(namespace)) &* FNV1a.prime
  }

  /// Feeds one byte.
  ///
  /// - Parameter byte: the byte.
  @inline(__always)
  package mutating func combine(byte: UInt8) {
    value = (value ^ UInt32(byte)) &* FNV1a.prime
  }

  /// Feeds one Unicode scalar as its UTF-8 bytes.
  ///
  /// - Parameter scalar: the scalar value.
  @inline(__always)
  package mutating func combine(scalar v: UInt32) {
    if v < 0x80 {
      combine(byte: UInt8(v))
    } else if v < 0x800 {
      combine(byte: UInt8(0xC0 | (v >> 6)))
      combine(byte: UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      combine(byte: UInt8(0xE0 | (v >> 12)))
      combine(byte: UInt8(0x80 | ((v >> 6) & 0x3F)))
      combine(byte: UInt8(0x80 | (v & 0x3F)))
    } else {
      combine(byte: UInt8(0xF0 | (v >> 18)))
      combine(byte: UInt8(0x80 | ((v >> 12) & 0x3F)))
      combine(byte: UInt8(0x80 | ((v >> 6) & 0x3F)))
      combine(byte: UInt8(0x80 | (v & 0x3F)))
    }
  }

  /// Feeds a 32-bit value as four bytes, least significant first.
  ///
  /// - Parameter word: the value.
  @inline(__always)
  package mutating func combine(word: UInt32) {
    combine(byte: UInt8(truncatingIfNeeded: word))
    combine(byte: UInt8(truncatingIfNeeded: word >> 8))
    combine(byte: UInt8(truncatingIfNeeded: word >> 16))
    combine(byte: UInt8(truncatingIfNeeded: word >> 24))
  }

  /// The 32-bit FNV-1a hash of `text`'s UTF-8 bytes (no namespace), for tests and cache keys.
  ///
  /// - Parameter text: the text.
  /// - Returns: the hash.
  package static func hash(_ text: String) -> UInt32 {
    var h = FNV1a.offsetBasis
    for byte in text.utf8 { h = (h ^ UInt32(byte)) &* FNV1a.prime }
    return h
  }
}

/// 64-bit FNV-1a, used to fingerprint a model's inputs for its cache.
package struct FNV1a64: Sendable {
  /// The running hash value.
  package private(set) var value: UInt64 = 14_695_981_039_346_656_037

  /// Starts an empty hash.
  package init() {}

  /// Feeds `text`'s UTF-8 bytes followed by a 0 separator.
  ///
  /// - Parameter text: the text.
  package mutating func combine(_ text: String) {
    for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 1_099_511_628_211 }
    value = (value ^ 0) &* 1_099_511_628_211
  }
}
