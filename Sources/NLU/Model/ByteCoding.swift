/// Little-endian writing of the fixed-width values in model files.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func u32(_ v: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: v >> shift))
    }
  }

  mutating func u64(_ v: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: v >> shift))
    }
  }

  mutating func f32(_ v: Float) { u32(v.bitPattern) }
}

/// Bounds-checked little-endian reading; every read returns nil past the end.
struct ByteReader {
  private let bytes: ArraySlice<UInt8>
  private var position: Int

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    self.position = bytes.startIndex
  }

  var isAtEnd: Bool { position == bytes.endIndex }

  mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, bytes.endIndex - position >= count else { return nil }
    defer { position += count }
    return bytes[position..<(position + count)]
  }

  mutating func u32() -> UInt32? {
    guard let raw = take(4) else { return nil }
    return raw.reversed().reduce(0) { $0 << 8 | UInt32($1) }
  }

  mutating func u64() -> UInt64? {
    guard let raw = take(8) else { return nil }
    return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }

  mutating func f32() -> Float? { u32().map(Float.init(bitPattern:)) }
}
