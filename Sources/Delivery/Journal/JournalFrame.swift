/// The on-disk record format: `[len u32 LE][crc32(len ‖ payload) u32 LE][payload]`.
///
/// The checksum covers the length bytes, so a torn or flipped length is caught too. Lengths above
/// the size cap are treated as corruption, never as a reason to allocate.
public enum JournalFrame {
  /// Bytes before the payload.
  public static let headerSize = 8
  /// Default cap on one payload (1 MiB).
  public static let defaultMaxRecordSize = 1 << 20

  /// What a scan of journal bytes found.
  public struct Scan: Sendable, Equatable {
    /// Payloads of the valid records, in order.
    public var records: [[UInt8]]
    /// Length of the valid prefix; everything after it is cut on recovery.
    public var validBytes: Int
    /// Bytes after the valid prefix (a torn or corrupt tail).
    public var tornBytes: Int
  }

  /// Frames one payload.
  ///
  /// - Parameter payload: the record body.
  /// - Returns: header and payload, ready to append.
  public static func frame(_ payload: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    append(payload, to: &out)
    return out
  }

  /// Appends the frame of `payload` to `buffer` (one allocation for a whole batch).
  ///
  /// - Parameters:
  ///   - payload: the record body.
  ///   - buffer: the batch being built.
  public static func append(_ payload: [UInt8], to buffer: inout [UInt8]) {
    let length = UInt32(payload.count)
    let lengthBytes = littleEndian(length)
    let crc = CRC32.checksum(payload, seed: CRC32.checksum(lengthBytes))
    buffer.reserveCapacity(buffer.count + headerSize + payload.count)
    buffer += lengthBytes
    buffer += littleEndian(crc)
    buffer += payload
  }

  /// Parses frames until the first short, oversized or corrupt one; trusts nothing after it.
  ///
  /// - Parameters:
  ///   - bytes: the journal file's contents.
  ///   - maxRecordSize: lengths above this count as corruption.
  /// - Returns: the valid records and where the valid prefix ends.
  public static func scan(_ bytes: [UInt8], maxRecordSize: Int = defaultMaxRecordSize) -> Scan {
    var records: [[UInt8]] = []
    var offset = 0
    while offset + headerSize <= bytes.count {
      let length = Int(readUInt32(bytes, at: offset))
      let end = offset + headerSize + length
      if length > maxRecordSize || end > bytes.count { break }
      let crc = CRC32.checksum(
        bytes[(offset + headerSize)..<end], seed: CRC32.checksum(bytes[offset..<(offset + 4)]))
      if crc != readUInt32(bytes, at: offset + 4) { break }
      records.append(Array(bytes[(offset + headerSize)..<end]))
      offset = end
    }
    return Scan(records: records, validBytes: offset, tornBytes: bytes.count - offset)
  }

  private static func littleEndian(_ value: UInt32) -> [UInt8] {
    [
      UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
      UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24),
    ]
  }

  private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
      | UInt32(bytes[offset + 3]) << 24
  }
}
