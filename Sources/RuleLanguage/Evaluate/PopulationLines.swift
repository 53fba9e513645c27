import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A JSON Lines population read and results written through fixed buffers: what `biseo
/// evaluate` and `biseo diff` stream, so memory stays flat however large the file is.
enum PopulationLines {
  /// Calls `each` with every line of `descriptor` (without its newline; the last may lack
  /// one), and `afterChunk` after each read with the bytes read so far.
  static func read(
    _ descriptor: Int32, _ each: (UnsafeBufferPointer<UInt8>) -> Void,
    afterChunk: (_ bytesRead: Int) throws -> Void
  ) throws {
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var filled = 0
    var total = 0
    while true {
      if filled == buffer.count {
        // A line longer than the buffer: grow it (rare).
        buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
      }
      let n = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Glibc.read(descriptor, base + filled, raw.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw BatchError.read(errno)
      }
      let atEnd = n == 0
      filled += n
      total += n
      var start = 0
      buffer.withUnsafeBufferPointer { buf in
        guard let base = buf.baseAddress else { return }
        // memchr finds each line end far faster than a byte loop with bounds checks.
        while start < filled, let hit = memchr(base + start, 0x0A, filled - start) {
          let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          each(UnsafeBufferPointer(rebasing: buf[start..<i]))
          start = i + 1
        }
        if atEnd, start < filled {
          each(UnsafeBufferPointer(rebasing: buf[start..<filled]))
          start = filled
        }
      }
      try afterChunk(total)
      if start > 0 {
        buffer.withUnsafeMutableBufferPointer { buf in
          guard let base = buf.baseAddress else { return }
          memmove(base, base + start, filled - start)
        }
        filled -= start
      }
      if atEnd { break }
    }
  }

  /// Writes all of `out` to `descriptor` and empties it.
  static func write(_ out: inout [UInt8], to descriptor: Int32) throws {
    try out.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        guard let base = raw.baseAddress else { return }
        let n = Glibc.write(descriptor, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw BatchError.write(errno)
        }
        offset += n
      }
    }
    out.removeAll(keepingCapacity: true)
  }

  /// Whether a line holds only spaces, tabs and a carriage return (skipped, not a citizen).
  static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }
}
